import type { StoredEvent } from "../../events/envelope.ts";
import type { Vocabulary } from "../../projections/vocabulary.ts";
import type { Snapshot } from "./timeline.ts";

/** What a query reads: one view of the record, now or as it stood at a transaction time. */
export interface Reading {
  /** The projections folded over every development whose valid time starts by `atMs`. */
  snapshotAt(atMs: number): Snapshot;
  /** Developments in valid-time order whose valid time starts in (afterMs, untilMs]. */
  between(afterMs: number, untilMs: number): StoredEvent[];
  /** Provenance: an event as this reading shows it. */
  lookup(id: string): StoredEvent | undefined;
  correctionOf(id: string): StoredEvent | undefined;
  /** Each negotiation's parties and issues, as declared in the record this reading sees. */
  vocabularies(): Vocabulary[];
}
