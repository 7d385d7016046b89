import { repairMojibake } from "../../events/mojibake.ts";
import type { FiledSource } from "../../events/source-filed.ts";
import type { Source, TextQuoteSelector } from "../../events/source.ts";

/** Characters of context kept on each side of a quote: enough to tell apart two occurrences of a short phrase. */
const CONTEXT = 32;

/** Text as a reader sees it: mojibake repaired and every run of white space one space, so a quote over a line break still matches. */
const readable = (text: string): string => repairMojibake(text).replace(/\s+/g, " ").trim();

/** Where `quote` first occurs in `text` (both read as `readable`), or undefined when it does not. */
export function selectorOf(quote: string, text: string): TextQuoteSelector | undefined {
  const document = readable(text);
  const exact = readable(quote);
  const at = document.indexOf(exact);
  if (exact.length === 0 || at < 0) return undefined;
  // By code point, so the context never splits a surrogate pair.
  const prefix = [...document.slice(0, at)].slice(-CONTEXT).join("");
  const suffix = [...document.slice(at + exact.length)].slice(0, CONTEXT).join("");
  return { type: "TextQuoteSelector", exact, prefix, suffix };
}

/** Metadata a citing source may repeat; when it does, it must say what the filing says. */
const metadata = ["outlet", "title", "publishedAt", "url"] as const;

type Refusal = { field: string; message: string };

/** A source citing `filed`: its metadata filled from the filing and its quote placed in the filed text, or why it cannot be. */
export function cite(source: Source, filed: FiledSource): Source | Refusal {
  for (const field of metadata) {
    const given = source[field];
    if (given !== undefined && given !== filed[field])
      return {
        field,
        message: `is '${String(given)}', but source '${filed.sourceId}' was filed with ${filed[field] === undefined ? "none" : `'${filed[field]}'`}; leave it out to use the filing's`,
      };
  }
  const selector = selectorOf(source.quote, filed.text);
  if (!selector)
    return {
      field: "quote",
      message: `does not occur in the text of source '${filed.sourceId}' (${filed.outlet ?? "outlet unknown"}, ${filed.title === null ? "untitled" : `"${filed.title}"`}), even after repairing mis-decoded characters: quote the article verbatim`,
    };
  return { ...source, outlet: filed.outlet, title: filed.title, publishedAt: filed.publishedAt, ...(filed.url === undefined ? {} : { url: filed.url }), selector };
}

export const isRefusal = (c: Source | Refusal): c is Refusal => "field" in c;
