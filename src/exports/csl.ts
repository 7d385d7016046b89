import type { SourceRef } from "../engine/document.ts";
import type { ExportInput } from "./rows.ts";

/** One article, however many events cite it: the same key the engine counts corroboration by. */
const articleKey = (s: SourceRef) => s.seed ?? s.url ?? `${s.outlet ?? ""}|${s.title ?? s.quote}`;

/** CSL-JSON (the citeproc input format Zotero and pandoc read), one item per article. */
export function sourcesCsl(input: ExportInput) {
  const items = new Map<string, { source: SourceRef; events: string[] }>();
  for (const e of input.entries)
    for (const s of e.sources) {
      const item = items.get(articleKey(s)) ?? { source: s, events: [] };
      item.events.push(e.eventId);
      items.set(articleKey(s), item);
    }
  return [...items.values()].map(({ source: s, events }, i) => ({
    id: `parley-${input.negotiation}-${i + 1}`,
    type: "article-newspaper",
    title: s.title ?? s.quote.slice(0, 120),
    ...(s.outlet ? { "container-title": s.outlet } : {}),
    ...(s.url ? { URL: s.url } : {}),
    ...(s.publishedAt ? { issued: { "date-parts": [s.publishedAt.split("-").map(Number)] } } : {}),
    note: [s.seed && `seed ${s.seed}`, `cited by ${events.length} event${events.length === 1 ? "" : "s"} in Parley (${input.negotiation}, known at ${input.knownAt})`]
      .filter(Boolean)
      .join("; "),
  }));
}
