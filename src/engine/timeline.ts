import { produce, type Draft } from "immer";
import type { StoredEvent } from "../../events/envelope.ts";
import { applyEvent, initialState, type ParleyState } from "../../projections/index.ts";

/** Events between checkpoints: a query folds at most this many on top of one. */
const SPACING = 128;

interface Checkpoint {
  state: ParleyState;
  /** Newest global position among the events folded so far. */
  position: number;
}

const validFrom = (e: StoredEvent) => Date.parse(e.occurredAt.from);

/** Orders by valid time, then by global position so ties replay as they were recorded. */
function before(a: StoredEvent, aFrom: number, b: StoredEvent, bFrom: number): boolean {
  return aFrom < bFrom || (aFrom === bFrom && a.position < b.position);
}

/**
 * The events of one view of the record, in valid-time order, with the projections'
 * state checkpointed every SPACING events. Immer shares everything a later checkpoint
 * did not change, so checkpoints cost little. An event inserted (a late report of an
 * early development) or removed (a retraction) drops only the checkpoints after it.
 */
export class Timeline {
  private readonly events: StoredEvent[] = [];
  private readonly starts: number[] = [];
  private readonly checkpoints: Checkpoint[] = [{ state: initialState, position: 0 }];

  get size(): number {
    return this.events.length;
  }

  /** Index of the first event ordered after (from, position). */
  private slot(event: StoredEvent, from: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.events[mid]!, this.starts[mid]!, event, from)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of events whose valid time starts at or before `atMs`. */
  countUntil(atMs: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= atMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private invalidateFrom(index: number): void {
    const keep = Math.floor(index / SPACING) + 1;
    if (this.checkpoints.length > keep) this.checkpoints.length = keep;
  }

  insert(event: StoredEvent): void {
    const from = validFrom(event);
    const at = this.slot(event, from);
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
    const at = this.slot(event, validFrom(event));
    if (this.events[at]?.id !== event.id) return;
    this.events.splice(at, 1);
    this.starts.splice(at, 1);
    this.invalidateFrom(at);
  }

  private fold(base: Checkpoint, from: number, to: number): Checkpoint {
    if (from >= to) return base;
    let position = base.position;
    const state = produce(base.state, (draft: Draft<ParleyState>) => {
      for (let i = from; i < to; i++) {
        const e = this.events[i]!;
        applyEvent(draft, e);
        if (e.position > position) position = e.position;
      }
    });
    return { state, position };
  }

  /** The projections after the first `count` events in valid-time order. */
  stateAfter(count: number): Checkpoint {
    const wanted = Math.floor(count / SPACING);
    while (this.checkpoints.length <= wanted) {
      const j = this.checkpoints.length;
      this.checkpoints.push(this.fold(this.checkpoints[j - 1]!, (j - 1) * SPACING, j * SPACING));
    }
    return this.fold(this.checkpoints[wanted]!, wanted * SPACING, count);
  }

  /** Events in valid-time order from index `from` (inclusive) to `to` (exclusive). */
  slice(from: number, to: number): StoredEvent[] {
    return this.events.slice(from, to);
  }
}
