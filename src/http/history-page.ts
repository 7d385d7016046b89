import type { Basis, TimelineEntry } from "../engine/basis.ts";
import { HistoryRange, parseQuery } from "../engine/query.ts";

/** A page unless the reader asks for less: big enough for any one negotiation's dashboard, small enough for a whole record. */
export const HISTORY_PAGE = 1_000;

/**
 * One page of a basis's history and, when more follows, the URL of the next page (sent as
 * an RFC 8288 `Link: <…>; rel="next"` header, so the body stays a plain list of entries).
 */
export function historyPage(basis: Basis, range: HistoryRange, url: string): { entries: TimelineEntry[]; next?: string } {
  const limit = parseQuery(HistoryRange.pick({ limit: true }), { limit: range.limit }).limit ?? HISTORY_PAGE;
  const entries = basis.history({ ...range, limit: limit + 1 });
  if (entries.length <= limit) return { entries };
  const page = entries.slice(0, limit);
  const next = new URL(url, "http://parley");
  next.searchParams.set("after", page[page.length - 1]!.eventId);
  return { entries: page, next: `${next.pathname}${next.search}` };
}
