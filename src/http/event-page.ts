import { z } from "zod";
import { eventTypes } from "../../events/catalogue.ts";
import { withEdtf, type StoredEvent } from "../../events/envelope.ts";
import { Span } from "../engine/query.ts";

const Position = z.coerce.number({ message: "must be a position (a whole number)" }).int("must be a whole number").nonnegative("must not be negative");

export const EventsQuery = z.strictObject({
  stream: z.string().min(1).optional(),
  type: z.enum(eventTypes, { error: (iss) => `unknown event type '${String(iss.input)}'; known types: ${eventTypes.join(", ")}` }).optional(),
  from: Span.optional(),
  to: Span.optional(),
  after: Position.default(0),
  limit: z.coerce.number().int().min(1).max(1000, "at most 1000 events a page").default(100),
});
export type EventsQuery = z.output<typeof EventsQuery>;

interface EventPage {
  events: StoredEvent[];
  /** Pass as `after` for the next page; null when this page is the last. */
  next: number | null;
}

/** Index of the first event after `position` in a log ordered by position. */
export function indexAfter(log: readonly StoredEvent[], position: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid]!.position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Valid time overlaps [from, to]: an event dated "August" may lie in a range that starts on the 15th. */
function matches(e: StoredEvent, q: EventsQuery): boolean {
  if (q.stream !== undefined && e.stream !== q.stream) return false;
  if (q.type !== undefined && e.type !== q.type) return false;
  if (q.from && Date.parse(e.occurredAt.to) < Date.parse(q.from.from)) return false;
  if (q.to && Date.parse(e.occurredAt.from) > Date.parse(q.to.to)) return false;
  return true;
}

/** One page of stored events in position order, filtered; paging is by position so appends never shift it. */
export function pageEvents(log: readonly StoredEvent[], q: EventsQuery): EventPage {
  const events: StoredEvent[] = [];
  for (let i = indexAfter(log, q.after); i < log.length; i++) {
    const e = log[i]!;
    if (!matches(e, q)) continue;
    if (events.length === q.limit) return { events, next: events[events.length - 1]!.position };
    events.push(withEdtf(e));
  }
  return { events, next: null };
}
