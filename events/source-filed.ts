import { createHash } from "node:crypto";
import { z } from "zod";
import { defineEvent } from "./define.ts";
import { WebUrl } from "./source.ts";
import { Slug } from "./vocabulary.ts";

/**
 * The largest text a filed source (and an article drafting reads) may hold: a long feature is
 * ~60 kB; more is a paste gone wrong or an abuse. One cap for both, so a drafted article can always be filed.
 */
export const SOURCE_TEXT_LIMIT_BYTES = 200_000;

export const sha256Of = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

const FiledText = z
  .string()
  .min(1, "a filed source needs its text")
  .refine((t) => Buffer.byteLength(t, "utf8") <= SOURCE_TEXT_LIMIT_BYTES, {
    error: (issue) =>
      `the text is ${Buffer.byteLength(issue.input as string, "utf8")} bytes; a filed source holds at most ${SOURCE_TEXT_LIMIT_BYTES} bytes (200 kB) and is never truncated: file the article in parts`,
  });

/**
 * The article a record rests on, kept verbatim (mis-decoded characters and all) so later
 * events can cite it by `sourceId` and the engine can show each quote in context.
 */
export const SourceFiled = defineEvent({
  type: "SourceFiled",
  version: 1,
  data: z
    .strictObject({
      sourceId: Slug,
      // Null when the article does not say, as on a source: a seed scraped without its masthead still files.
      outlet: z.string().min(1).nullable(),
      title: z.string().min(1).nullable(),
      url: WebUrl.optional(),
      publishedAt: z.iso.date(),
      text: FiledText,
      // The writer states the digest, so a text damaged on the way in is refused rather than kept.
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a lower-case hex SHA-256 of the text"),
    })
    .superRefine((d, ctx) => {
      const actual = sha256Of(d.text);
      if (actual !== d.sha256)
        ctx.addIssue({
          code: "custom",
          path: ["sha256"],
          message: `does not match the text, whose SHA-256 is ${actual}: the text changed on the way, or the digest is of another text`,
        });
    }),
  stream: (d) => `source-${d.sourceId}`,
  describe: (d) =>
    `source ${d.sourceId} filed: ${d.outlet ?? "outlet unknown"}, ${d.title === null ? "untitled" : `"${d.title}"`} (${d.publishedAt}, ${Buffer.byteLength(d.text, "utf8")} bytes)`,
});
export type FiledSource = z.output<typeof SourceFiled.data>;

/** A filed source is evidence about the record, not a development in the negotiation. */
export const isFiling = (e: { type: string }): boolean => e.type === SourceFiled.type;
