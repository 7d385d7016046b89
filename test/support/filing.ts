import { createHash } from "node:crypto";
import { stanceInput } from "./events.ts";

/**
 * An article written for these tests. Its second paragraph arrived mis-decoded the way the
 * seeds did (a right quote read as Windows-874: "โ€™"), and a sentence breaks across a line.
 */
export const FILED_ARTICLE = [
  "Negotiators met in Berlin on Friday for a fourth round of talks.",
  "",
  "The Kremlinโ€™s envoy said the draft was a basis for further work, while European officials",
  "insisted that any settlement must include guarantees for Kyiv.",
].join("\n");

export const digestOf = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A SourceFiled input, as a writer sends it; tests vary one field at a time from here. */
export function filingInput(overrides: { sourceId?: string; text?: string; sha256?: string; outlet?: string | null; title?: string | null } = {}) {
  const text = overrides.text ?? FILED_ARTICLE;
  return {
    type: "SourceFiled",
    occurredAt: "2025-12-05",
    reportedAt: "2025-12-05",
    sources: [],
    data: {
      sourceId: overrides.sourceId ?? "test-wire-berlin",
      outlet: overrides.outlet === undefined ? "Test Wire" : overrides.outlet,
      title: overrides.title === undefined ? "Fourth round in Berlin" : overrides.title,
      url: "https://example.org/berlin",
      publishedAt: "2025-12-05",
      text,
      sha256: overrides.sha256 ?? digestOf(text),
    },
  };
}

/** A stance that cites a filed source by id, quoting `quote`, with no metadata of its own. */
export function citingInput(quote: string, sourceId = "test-wire-berlin") {
  return { ...stanceInput({ party: "russia", issue: "territory", position: "mixed" }), sources: [{ sourceId, quote }] };
}
