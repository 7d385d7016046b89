import { isVocabularyEvent } from "../../events/negotiation.ts";
import { isFiling } from "../../events/source-filed.ts";
import { dateRange, edtfOf } from "../../events/valid-time.ts";
import type { PendingEvent, StoredEvent } from "../../events/envelope.ts";
import { MemoryEventStore } from "../store/memory.ts";
import { runsByStream, type StreamBatch } from "../store/port.ts";
import type { Basis } from "./basis.ts";
import type { BasisQuery } from "./query.ts";
import { diffStates, type StateChange } from "./diff.ts";
import type { StateDocument } from "./document.ts";
import { negotiationOf } from "./negotiation.ts";

/** What a batch would change in one negotiation at one valid time: the end of an event's valid time. */
export interface PreviewChanges {
  negotiation: string;
  /** The moment compared, as a query's `at`. */
  at: string;
  /** The EDTF of the events whose valid time ends there. */
  validTime: string;
  eventIds: string[];
  changes: StateChange[];
  /** One line per change, for a reviewer: "stance russia/territory: position supports → mixed from 2025-12-02". */
  lines: string[];
}

export interface PreviewWarning {
  kind: "single-source" | "dispute" | "wide-date" | "new-person";
  /** "[i].field", as a validation issue names it. */
  path: string;
  message: string;
}

export interface Preview {
  dryRun: true;
  changes: PreviewChanges[];
  warnings: PreviewWarning[];
}

const DAY_MS = 86_400_000;
/** Everything on record, whatever its valid time: for "is this name known at all". */
const EVER = "9999-12-31";

const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function lineOf(c: StateChange, validTime: string): string {
  const what = `${c.kind} ${c.key.slice(c.kind.length + 1)}`;
  if (c.change !== "changed") return `${what}: ${c.change} from ${validTime}`;
  const fields = Object.keys(c.after!).filter((f) => shown(c.before![f]) !== shown(c.after![f]));
  return `${what}: ${fields.map((f) => `${f} ${shown(c.before![f] ?? null)} → ${shown(c.after![f] ?? null)}`).join(", ")} from ${validTime}`;
}

/** The moment a pending event's effect shows in full: the end of its valid time (its start when open-ended). */
function momentOf(e: PendingEvent): string {
  const range = dateRange(e.occurredAt);
  return range.to ?? range.from ?? new Date().toISOString();
}

function namesOf(doc: StateDocument): Set<string> {
  const names = [
    ...doc.people.map((p) => p.name),
    ...doc.meetings.flatMap((m) => m.participants.map((p) => p.name)),
    ...doc.statements.map((s) => s.speaker),
    ...doc.stances.map((s) => s.speaker),
  ];
  return new Set(names.filter((n): n is string => typeof n === "string" && n.length > 0));
}

function sourceWarnings(e: PendingEvent, index: number): PreviewWarning[] {
  if (isVocabularyEvent(e) || isFiling(e)) return [];
  const outlets = [...new Set(e.sources.map((s) => s.outlet ?? ""))];
  if (outlets.length > 1) return [];
  return [{ kind: "single-source", path: `[${index}].sources`, message: `rests on a single source (${outlets[0] || "one source"}); corroborate it before it stands as fact` }];
}

function dateWarnings(e: PendingEvent, index: number): PreviewWarning[] {
  if (isVocabularyEvent(e) || isFiling(e)) return [];
  const { from, to } = dateRange(e.occurredAt);
  const wide = from === null || to === null || Date.parse(to) - Date.parse(from) >= DAY_MS;
  return wide ? [{ kind: "wide-date", path: `[${index}].occurredAt`, message: `${edtfOf(e.occurredAt)} is wider than a day; narrow it if the article says when` }] : [];
}

function disputeWarnings(changes: StateChange[], e: PendingEvent, index: number): PreviewWarning[] {
  return changes
    .filter((c) => c.kind === "dispute" && c.eventIds.includes(e.id))
    .map((c) => ({
      kind: "dispute" as const,
      path: `[${index}].data.claim`,
      message: `contradicts an account on record: '${c.key.slice("dispute:".length)}' would ${c.change === "added" ? "become a dispute" : "gain a claim"} (${((c.after?.claims as string[] | undefined) ?? []).join(" / ")})`,
    }));
}

/** What a preview reads of an engine: its events and its bases. (An interface, so the engine and its dry run do not import each other.) */
export interface Recorded {
  readonly events: readonly StoredEvent[];
  asOf(basis: BasisQuery): Basis;
}

/**
 * What recording `batches` (already parsed and decided, as a real append would) would change:
 * each touched negotiation's events plus the pending ones are folded by a throwaway engine over
 * a memory store, and its state compared with the record's at the end of each pending event's
 * valid time. The record itself is not written; the pending events take positions after its head.
 */
export async function previewOf(record: Recorded, batches: StreamBatch[], open: (store: MemoryEventStore) => Promise<Recorded & { close(): Promise<void> }>): Promise<Preview> {
  const pending = batches.flatMap((b) => b.events.map((e) => ({ ...e, stream: b.stream })));
  const touched = new Set(pending.map((e) => negotiationOf(e.stream)));
  const store = new MemoryEventStore();
  const kept = record.events.filter((e) => touched.has(negotiationOf(e.stream)));
  if (kept.length) await store.appendMany(runsByStream(kept));
  await store.appendMany(batches);
  const after = await open(store);
  try {
    const changes = new Map<string, PreviewChanges>();
    for (const e of pending) {
      const negotiation = negotiationOf(e.stream);
      const at = momentOf(e);
      const key = `${negotiation}@${at}`;
      const seen = changes.get(key);
      if (seen) seen.eventIds.push(e.id);
      else {
        const validTime = edtfOf(e.occurredAt);
        const diff = diffStates(record.asOf({ negotiation }).state(at), after.asOf({ negotiation }).state(at));
        changes.set(key, { negotiation, at, validTime, eventIds: [e.id], changes: diff, lines: diff.map((c) => lineOf(c, validTime)) });
      }
    }
    const warnings = pending.flatMap((e, index) => {
      const found = changes.get(`${negotiationOf(e.stream)}@${momentOf(e)}`)!.changes;
      return [...sourceWarnings(e, index), ...dateWarnings(e, index), ...disputeWarnings(found, e, index)];
    });
    for (const negotiation of touched) {
      const known = namesOf(record.asOf({ negotiation }).state(EVER));
      for (const name of namesOf(after.asOf({ negotiation }).state(EVER))) {
        if (known.has(name)) continue;
        const index = pending.findIndex((e) => JSON.stringify(e.data).includes(JSON.stringify(name)));
        warnings.push({
          kind: "new-person",
          path: index >= 0 ? `[${index}].data` : "data",
          message: `'${name}' is not yet on record in '${negotiation}': check the spelling against the people it holds`,
        });
      }
    }
    return { dryRun: true, changes: [...changes.values()], warnings };
  } finally {
    await after.close();
  }
}
