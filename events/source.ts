import { z } from "zod";
import { repairMojibake } from "./mojibake.ts";

/**
 * Where a fact comes from. `quote` is the source's text exactly as published (mis-decoded
 * characters and all); `quoteClean` is the repaired text for display, derived on append
 * when the writer does not supply it.
 */
export const Source = z
  .strictObject({
    outlet: z.string().min(1).nullable(),
    title: z.string().min(1).nullable().optional(),
    publishedAt: z.iso.date().optional(),
    // Only web links: a dashboard must never be handed a javascript: or data: URL to follow.
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, "must name a seed file such as 000_0a8234fe7da3e909.txt").optional(),
    quote: z.string().min(1, "a source must quote the sentence it supports"),
    quoteClean: z.string().min(1).optional(),
  })
  .transform((s) => ({ ...s, quoteClean: s.quoteClean ?? repairMojibake(s.quote) }));
export type Source = z.output<typeof Source>;
export type SourceInput = z.input<typeof Source>;
