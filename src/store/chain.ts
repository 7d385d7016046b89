import { createHash } from "node:crypto";
import type { EnvelopeField, StoredEvent } from "../../events/envelope.ts";
import { storedValidTime, type ValidTime } from "../../events/valid-time.ts";

/**
 * The tamper-evidence rule, in one place for every store and the CLI: each stored event
 * carries hash = SHA-256(previous hash ‖ "\n" ‖ canonical bytes of the event), the first
 * event chaining from GENESIS. Editing, removing or reordering any stored event changes
 * its hash and every hash after it, so a head hash published next to a report proves
 * later that the record behind it has not changed.
 */
export const GENESIS = "0".repeat(64);

/**
 * An event exactly as it was written: the schema version it was stored under (never lifted
 * by an upcaster, so a new schema version does not break old links), with its place in the log.
 */
export type WrittenEvent = Omit<StoredEvent, "type" | "data"> & { type: string; data: unknown };

/**
 * Hands JSON.stringify each object with its keys sorted (a copy only when they are not
 * already), so the text does not depend on the order a writer, a parser or a database
 * (PostgreSQL's jsonb reorders keys) left them in. Undefined members drop out as usual.
 */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.every((k, i) => i === 0 || keys[i - 1]! < k)) return value;
  const sorted: Record<string, unknown> = {};
  for (const k of keys.sort()) sorted[k] = (value as Record<string, unknown>)[k];
  return sorted;
}

/**
 * The bytes an event's hash covers: every field a reader sees, as JSON with keys sorted at
 * every depth. A source's repaired quote is left out when it equals the quote (the SQLite
 * store keeps it once), so both forms agree.
 */
export function canonicalBytes(e: WrittenEvent): string {
  const sources = e.sources.map(({ quoteClean, ...s }) => (quoteClean === undefined || quoteClean === s.quote ? s : { ...s, quoteClean }));
  // Written in key order already, so only nested objects may need sorting.
  // The EDTF an export writes beside an interval it can be read from is not part of the event.
  const event = {
    data: e.type === "MeetingScheduled" ? { ...(e.data as { date: ValidTime }), date: storedValidTime((e.data as { date: ValidTime }).date) } : e.data,
    id: e.id,
    occurredAt: storedValidTime(e.occurredAt),
    position: e.position,
    recordedAt: e.recordedAt,
    reportedAt: e.reportedAt ?? null,
    schemaVersion: e.schemaVersion,
    sources,
    stream: e.stream,
    streamVersion: e.streamVersion,
    type: e.type,
  } satisfies Record<EnvelopeField | "position" | "recordedAt" | "streamVersion", unknown>;
  return JSON.stringify(event, sortedKeys);
}

/** The hash of `event` when it follows an event whose hash is `previous`. */
export function linkHash(previous: string, event: WrittenEvent): string {
  return createHash("sha256").update(previous).update("\n").update(canonicalBytes(event)).digest("hex");
}

/** One stored event with the hash its store keeps for it (null when it has none). */
export interface Link {
  event: WrittenEvent;
  hash: string | null;
}

export interface ChainReport {
  /** Events checked. */
  checked: number;
  /** The hash of the last event checked (GENESIS when there were none). */
  head: string;
  /** The first position where the stored hash is not the one recomputed, and why. */
  broken?: { position: number; reason: string };
}

/** Recomputes the chain over links given in log order and stops at the first that does not hold. */
export async function checkChain(links: AsyncIterable<Link[]>): Promise<ChainReport> {
  let head = GENESIS;
  let checked = 0;
  let expectedPosition: number | undefined;
  for await (const batch of links) {
    for (const { event, hash } of batch) {
      const broken = (reason: string): ChainReport => ({ checked, head, broken: { position: event.position, reason } });
      if (expectedPosition !== undefined && event.position !== expectedPosition)
        return broken(`position ${expectedPosition} is missing: the log jumps from ${expectedPosition - 1} to ${event.position}`);
      if (hash === null) return broken("the event carries no hash");
      const computed = linkHash(head, event);
      if (computed !== hash)
        return broken(
          `the stored hash ${hash.slice(0, 12)}… is not the hash of the event's content after the previous one (${computed.slice(0, 12)}…): the event, or one before it, was changed`,
        );
      head = hash;
      checked++;
      expectedPosition = event.position + 1;
    }
  }
  return { checked, head };
}

/** What `verify` and /healthz print about a chain. */
export const describeBreak = (b: NonNullable<ChainReport["broken"]>) => `chain broken at position ${b.position}: ${b.reason}`;
