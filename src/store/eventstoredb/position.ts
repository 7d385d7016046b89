import { START, type Position } from "@eventstore/db-client";

/**
 * Parley's global position for an EventStoreDB event is its `$all` commit position as a number.
 *
 * Why one number is exact: a gRPC append writes each event as its own implicitly committed
 * prepare record, and `$all` reports such an event at `{commit: p, prepare: p}`, p being the
 * record's byte offset in the transaction log. So `n` goes back to `{commit: n, prepare: n}`
 * with nothing lost, and `readAll({after})` / `subscribe({after})` resume exactly there.
 * Events from legacy TCP explicit transactions carry commit ≠ prepare and share a commit,
 * so no single number orders them: they are refused rather than silently misordered.
 * Offsets stay far below 2^53 (8 PiB of log); that is checked too, never assumed.
 */
export function toPortPosition(position: Position): number {
  if (position.commit !== position.prepare)
    throw new Error(`event at $all ${formatPosition(position)} was written in an explicit transaction (commit ≠ prepare); Parley cannot give it a single global position`);
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER))
    throw new Error(`$all position ${formatPosition(position)} is beyond 2^53; is the server older than 22.6 (which reports no positions on stream reads)?`);
  return Number(position.commit);
}

/** Where to resume `$all` after a port position: the start for 0, else the exact log position. */
export function fromPortPosition(position: number): Position | typeof START {
  if (!Number.isSafeInteger(position) || position < 0) throw new Error(`not a global position: ${position}`);
  return position === 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };
}

/** `$all` order: by commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** A position as text, exact whatever its size: `C:commit/P:prepare`, as EventStoreDB's UI shows it. */
export function formatPosition(position: Position): string {
  return `C:${position.commit}/P:${position.prepare}`;
}
