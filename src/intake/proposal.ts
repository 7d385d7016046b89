import { z } from "zod";

/**
 * What drafting hands the analyst: an event in the current envelope, plus a `draft`
 * annotation. `needs` names every field the analyst must still check or fill; `newPeople`
 * the names that match no one on record. A draft is never valid to append as it stands.
 */
export const DraftAnnotation = z.strictObject({
  cues: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  needs: z.array(z.string()),
  newPeople: z.array(z.string()).optional(),
  negotiation: z.string().optional(),
});
export type DraftAnnotation = z.infer<typeof DraftAnnotation>;

export const DraftSource = z.strictObject({
  outlet: z.string(),
  title: z.string().optional(),
  publishedAt: z.string(),
  url: z.string().optional(),
  /** The sentence exactly as the article has it, mis-decoded characters and all. */
  quote: z.string(),
});
export type DraftSource = z.infer<typeof DraftSource>;

export const ProposedEvent = z.strictObject({
  type: z.string(),
  occurredAt: z.strictObject({ date: z.string(), label: z.string() }),
  reportedAt: z.string(),
  sources: z.array(DraftSource).min(1),
  data: z.record(z.string(), z.unknown()),
  draft: DraftAnnotation,
});
export type ProposedEvent = z.infer<typeof ProposedEvent>;

/** The article's metadata every draft cites. */
export interface Article {
  publishedAt: string;
  outlet: string;
  title?: string;
  url?: string;
  negotiation?: string;
}

export const sourceFor = (article: Article, quote: string): DraftSource => ({
  outlet: article.outlet,
  ...(article.title ? { title: article.title } : {}),
  publishedAt: article.publishedAt,
  ...(article.url ? { url: article.url } : {}),
  quote,
});

/** Fewer open fields, more trust: each field left to fill costs a tenth. */
export const confidenceOf = (base: number, needs: string[]): number => Math.max(0.1, Math.round((base - 0.1 * needs.length) * 100) / 100);
