import { z } from "zod";
import { repairMojibake } from "./mojibake.ts";
import { Slug } from "./vocabulary.ts";

/** Only web links: a dashboard must never be handed a javascript: or data: URL to follow. */
export const WebUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/**
 * Where a quote sits in a filed source's text (repaired, whitespace collapsed): a W3C Web
 * Annotation TextQuoteSelector. The engine computes it; a writer's own is replaced.
 */
export const TextQuoteSelector = z.strictObject({
  type: z.literal("TextQuoteSelector"),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

/**
 * Where a fact comes from. `quote` is the source's text exactly as published (mis-decoded
 * characters and all); `quoteClean` is the repaired text for display, derived on append
 * when the writer does not supply it. A source that names a filed `sourceId` needs no
 * metadata: the engine fills it from the filing and checks the quote against its text.
 */
export const Source = z
  .strictObject({
    sourceId: Slug.optional(),
    outlet: z.string().min(1).nullable().optional(),
    title: z.string().min(1).nullable().optional(),
    publishedAt: z.iso.date().optional(),
    url: WebUrl.optional(),
    seed: z
      .string()
      .regex(/^\d{3}_[0-9a-f]{16}\.txt$/, "must name a seed file such as 000_0a8234fe7da3e909.txt")
      .optional(),
    quote: z.string().min(1, "a source must quote the sentence it supports"),
    quoteClean: z.string().min(1).optional(),
    selector: TextQuoteSelector.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.sourceId !== undefined) return;
    if (s.outlet === undefined) ctx.addIssue({ code: "custom", path: ["outlet"], message: "name the outlet (null when unknown), or cite a filed source by sourceId" });
    if (s.selector !== undefined) ctx.addIssue({ code: "custom", path: ["selector"], message: "a selector places a quote in a filed source: cite it by sourceId" });
  })
  .transform((s) => ({ ...s, quoteClean: s.quoteClean ?? repairMojibake(s.quote) }));
export type Source = z.output<typeof Source>;
export type SourceInput = z.input<typeof Source>;
