import type { StoredEvent } from "../../events/envelope.ts";
import { applyEvent, initialState, type ParleyState } from "../../projections/index.ts";
import { countAtMost, keyBefore } from "./finality.ts";
import { snapshotOf, workingCopy } from "./snapshot.ts";

/** Events between snapshots: a query folds at most this many on top of one. */
const SPACING = 256;

export interface Snapshot {
  state: ParleyState;
  /** Newest global position among the events folded so far. */
  position: number;
}

export const validFrom = (e: StoredEvent): number => Date.parse(e.occurredAt.from);

/** Folds events[from, to) into a working state; returns the newest position seen. */
function foldInto(state: ParleyState, events: readonly StoredEvent[], from: number, to: number, position: number): number {
  for (let i = from; i < to; i++) {
    const e = events[i]!;
    applyEvent(state, e);
    if (e.position > position) position = e.position;
  }
  return position;
}

/**
 * The events of one view of the record, in valid-time order (ties by global position, so
 * they replay as they were recorded), with the projections' state snapshotted every
 * SPACING events. Snapshots share everything they did not change with the one before,
 * so they cost little. An event inserted (a late report of an early development) or
 * removed (a retraction) drops only the snapshots after it; they are rebuilt on demand.
 */
export class Timeline {
  private events: StoredEvent[] = [];
  private starts: number[] = [];
  /** Kept until the events change: listing negotiations must not scan every event each time. */
  private spanned: { from: string | null; to: string | null } | undefined;
  private readonly snapshots: Snapshot[] = [{ state: initialState(), position: 0 }];

  get size(): number {
    return this.events.length;
  }

  /** Replaces the contents with `events` (whose valid starts are `starts`), sorted once: how a view is filled from the store. */
  load(events: readonly StoredEvent[], starts: readonly number[]): void {
    const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || events[a]!.position - events[b]!.position);
    this.events = order.map((i) => events[i]!);
    this.starts = order.map((i) => starts[i]!);
    this.snapshots.length = 1;
    this.spanned = undefined;
  }

  /** Index of the first event ordered at or after (from, position). */
  slot(from: number, position: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyBefore(this.starts[mid]!, this.events[mid]!.position, from, position)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of events whose valid time starts at or before `atMs`. */
  countUntil(atMs: number): number {
    return countAtMost(this.starts, atMs);
  }

  private invalidateFrom(index: number): void {
    this.spanned = undefined;
    const keep = Math.floor(index / SPACING) + 1;
    if (this.snapshots.length > keep) this.snapshots.length = keep;
  }

  insert(event: StoredEvent): void {
    const from = validFrom(event);
    const at = this.slot(from, event.position);
    if (at === this.events.length) {
      this.events.push(event);
      this.starts.push(from);
    } else {
      this.events.splice(at, 0, event);
      this.starts.splice(at, 0, from);
    }
    this.invalidateFrom(at);
  }

  remove(event: StoredEvent): void {
    const at = this.slot(validFrom(event), event.position);
    if (this.events[at]?.id !== event.id) return;
    this.events.splice(at, 1);
    this.starts.splice(at, 1);
    this.invalidateFrom(at);
  }

  /**
   * The projections after the first `count` events in valid-time order, then `extra`
   * events (already in order) on top: a snapshot as is, or a private copy of the one
   * before `count` with the rest folded in.
   */
  snapshotAfter(count: number, extra: readonly StoredEvent[] = []): Snapshot {
    const k = Math.floor(count / SPACING);
    const built = this.extendTo(k);
    const base = this.snapshots[k]!;
    if (count === k * SPACING && extra.length === 0) return base;
    const state = built ?? workingCopy(base.state);
    const position = foldInto(state, this.events, k * SPACING, count, base.position);
    return { state, position: foldInto(state, extra, 0, extra.length, position) };
  }

  /**
   * Folds every event, taking snapshots on the way: a rebuild, done before the first query
   * needs it. The events after the last snapshot are folded too; a query folds them
   * again on top of that snapshot.
   */
  foldAll(): void {
    this.snapshotAfter(this.events.length);
  }

  /** Extends the snapshots through the k-th; returns the working state left at it, if any was built. */
  private extendTo(k: number): ParleyState | undefined {
    const last = this.snapshots.length - 1;
    if (last >= k) return undefined;
    const working = workingCopy(this.snapshots[last]!.state);
    let position = this.snapshots[last]!.position;
    for (let j = last + 1; j <= k; j++) {
      position = foldInto(working, this.events, (j - 1) * SPACING, j * SPACING, position);
      this.snapshots.push({ state: snapshotOf(working, this.snapshots[j - 1]!.state), position });
    }
    return working;
  }

  /** The valid time the events cover: from the first one's start to the latest end (ISO strings compare as times). */
  span(): { from: string | null; to: string | null } {
    if (this.spanned) return this.spanned;
    if (this.events.length === 0) return (this.spanned = { from: null, to: null });
    let to = this.events[0]!.occurredAt.to;
    for (const e of this.events) if (e.occurredAt.to > to) to = e.occurredAt.to;
    return (this.spanned = { from: this.events[0]!.occurredAt.from, to });
  }

  /** Events in valid-time order from index `from` (inclusive) to `to` (exclusive). */
  slice(from: number, to: number): StoredEvent[] {
    return this.events.slice(from, to);
  }
}
