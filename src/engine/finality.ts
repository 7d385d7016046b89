/** A place in valid-time order: an event's valid start, ties broken by global position. */
export interface Place {
  from: number;
  position: number;
}

/** How many of the ascending `values` are at most `limit`: the index a binary search stops at. */
export function countAtMost(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const keyBefore = (aFrom: number, aPosition: number, bFrom: number, bPosition: number): boolean => aFrom < bFrom || (aFrom === bFrom && aPosition < bPosition);

/**
 * When each place in a view's timeline became final. An event is final once it is known
 * (reported) and so is every correction of it; a corrected event marks every place any of
 * its versions occupies. Asked as of a transaction time, the view's live timeline is
 * exactly right before the earliest place not yet final then, so a "known at" query
 * reuses the live snapshots up to that place and re-folds only what lies after it.
 * Marks only accumulate: a superseded mark is dominated by a later one at the same place.
 */
export class Finality {
  /** When each mark became final (ms), sorted once asked. */
  private finalAt: number[] = [];
  private froms: number[] = [];
  private positions: number[] = [];
  /** Over marks sorted by time of finality: the earliest place among marks i.. onward. */
  private earliestFrom: number[] = [];
  private earliestPosition: number[] = [];
  private sorted = true;

  mark(from: number, position: number, finalMs: number): void {
    const last = this.finalAt.length - 1;
    if (last >= 0 && finalMs < this.finalAt[last]!) this.sorted = false;
    this.finalAt.push(finalMs);
    this.froms.push(from);
    this.positions.push(position);
    if (this.sorted) this.extendEarliest(from, position);
  }

  /** Orders marks that arrived out of order of finality now, rather than in the first query that needs them. */
  prepare(): void {
    if (!this.sorted) this.sort();
  }

  /** The earliest place that was not final at `knownAtMs`, if any. */
  firstOpen(knownAtMs: number): Place | undefined {
    this.prepare();
    const lo = countAtMost(this.finalAt, knownAtMs);
    return lo === this.finalAt.length ? undefined : { from: this.earliestFrom[lo]!, position: this.earliestPosition[lo]! };
  }

  /** A new last mark lowers the running minimum of every suffix it joins, back to the first one already lower. */
  private extendEarliest(from: number, position: number): void {
    this.earliestFrom.push(from);
    this.earliestPosition.push(position);
    for (let i = this.earliestFrom.length - 2; i >= 0; i--) {
      if (!keyBefore(from, position, this.earliestFrom[i]!, this.earliestPosition[i]!)) break;
      this.earliestFrom[i] = from;
      this.earliestPosition[i] = position;
    }
  }

  private sort(): void {
    const order = this.finalAt.map((_, i) => i).sort((a, b) => this.finalAt[a]! - this.finalAt[b]!);
    this.finalAt = order.map((i) => this.finalAt[i]!);
    this.froms = order.map((i) => this.froms[i]!);
    this.positions = order.map((i) => this.positions[i]!);
    this.earliestFrom = this.froms.slice();
    this.earliestPosition = this.positions.slice();
    for (let i = order.length - 2; i >= 0; i--) {
      if (keyBefore(this.earliestFrom[i + 1]!, this.earliestPosition[i + 1]!, this.earliestFrom[i]!, this.earliestPosition[i]!)) {
        this.earliestFrom[i] = this.earliestFrom[i + 1]!;
        this.earliestPosition[i] = this.earliestPosition[i + 1]!;
      }
    }
    this.sorted = true;
  }
}
