import type { StoredEvent } from "../../events/envelope.ts";
import type { TimelineEntry } from "../engine/basis.ts";

/** What every export is made from: one negotiation's developments as the record stood at `knownAt`. */
export interface ExportInput {
  negotiation: string;
  title: string;
  /** The transaction time the export is pinned to (ISO); the same input gives the same file. */
  knownAt: string;
  entries: TimelineEntry[];
  /** The stored event behind an entry, for the fields its type carries (party, issue, place…). */
  lookup: (eventId: string) => StoredEvent | undefined;
}

/** The fields of an event's data that the flat exports name, whichever event type carries them. */
export interface EventFacts {
  party: string;
  issue: string;
  position: string;
  place: string;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

export function factsOf(event: StoredEvent | undefined): EventFacts {
  const d = (event?.data ?? {}) as Record<string, unknown>;
  return {
    party: text(d.party) || text(d.sponsor) || text(d.presentedBy),
    issue: text(d.issue),
    position: text(d.position) || text(d.status),
    place: text(d.place),
  };
}

/** The quote a source stands on, as repaired for reading. */
export const quoteOf = (s: { quote: string; quoteClean?: string }) => s.quoteClean ?? s.quote;
