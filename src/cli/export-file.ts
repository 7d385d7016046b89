import { envelopeOf, withEdtf, type StoredEvent } from "../../events/envelope.ts";
import { GENESIS, linkHash, type WrittenEvent } from "../store/chain.ts";
import { isTamperEvident, type EventStore } from "../store/port.ts";

/**
 * What export writes: the envelope as a writer would send it, so import validates it
 * afresh; the transaction time, which import keeps ("as known at" must not move); and the
 * event's chain hash, which import checks. Events are written as stored (an older schema
 * version stays older: the hash covers what was written).
 */
function exportable(written: WrittenEvent, hash?: string) {
  // Each valid time with its EDTF string beside it; the chain's bytes leave out what the interval already says.
  const e = withEdtf(written as StoredEvent);
  const sources = e.sources.map((s) => ({ ...s, quoteClean: s.quoteClean ?? s.quote }));
  // An event with no report date leaves the field out (JSON drops an undefined member), as a writer would.
  return { ...envelopeOf(e), reportedAt: e.reportedAt ?? undefined, sources, recordedAt: e.recordedAt, ...(hash ? { hash } : {}) };
}

/** Every event of the store as NDJSON lines, in log order, with its hash where the store keeps a chain. */
export async function* exportLines(store: EventStore): AsyncIterable<string> {
  if (isTamperEvident(store)) {
    for await (const batch of store.links()) for (const { event, hash } of batch) yield JSON.stringify(exportable(event, hash ?? undefined));
  } else for await (const batch of store.readAll()) for (const event of batch) yield JSON.stringify(exportable(event));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An export whose chain does not hold: the line where it breaks, and why. */
export class BrokenExportError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}; nothing was imported`);
    this.name = "BrokenExportError";
  }
}

/**
 * Checks the hashes an export carries by recomputing its chain from the first line, which
 * an export holds at position 1; returns the lines without them, ready to validate. A file
 * without hashes (written by hand, or by an older Parley) passes unchecked; one with some
 * hashes missing does not. Lines that are not event-shaped are left to validation.
 */
export function checkExportChain(lines: { line: number; value: unknown }[]): { lines: { line: number; value: unknown }[]; head?: string } {
  const hashed = lines.filter((l) => isRecord(l.value) && "hash" in l.value);
  if (hashed.length === 0) return { lines };
  const versions = new Map<string, number>();
  let previous = GENESIS;
  const stripped = lines.map(({ line, value }, i) => {
    if (!isRecord(value) || !("hash" in value)) throw new BrokenExportError(line, "the line carries no hash, but others in the file do: lines were added to the export");
    const { hash, ...event } = value;
    if (!Array.isArray(event.sources) || typeof event.stream !== "string") return { line, value: event };
    const streamVersion = (versions.get(event.stream) ?? -1) + 1;
    versions.set(event.stream, streamVersion);
    const computed = linkHash(previous, { ...event, position: i + 1, streamVersion } as unknown as WrittenEvent);
    if (computed !== hash)
      throw new BrokenExportError(
        line,
        "the export's hash chain breaks here: the line, or one before it, was edited, removed or moved since export (to import an edited file as new events, remove every line's hash)",
      );
    previous = computed;
    return { line, value: event };
  });
  return { lines: stripped, head: previous };
}
