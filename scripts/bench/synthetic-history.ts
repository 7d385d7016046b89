import type { PendingEvent } from "../../events/envelope.ts";
import { SyntheticNegotiation } from "./negotiation.ts";
import { Random } from "./random.ts";
import { DAY_MS } from "./valid-times.ts";

/** Years of developments: the record starts in 2016 and runs to the autumn of 2026. */
const FIRST_DAY = Date.UTC(2016, 0, 4);
const LAST_DAY = Date.UTC(2026, 9, 30);

export interface NegotiationPlan {
  name: string;
  size: number;
  startMs: number;
  days: number;
}

/**
 * The negotiations of an N-event history. Each runs three months to four years and is
 * reported about as densely as the bundled one (44 developments over four months, about
 * ten a month, give or take half), so it holds tens to hundreds of events; a million
 * events make some 3,500 negotiations.
 */
export function planNegotiations(events: number, seed = 1): NegotiationPlan[] {
  const random = new Random(seed);
  const plans: NegotiationPlan[] = [];
  for (let total = 0; total < events;) {
    const days = random.int(90, 1500);
    const size = Math.min(events - total, Math.max(20, Math.round(days * (0.15 + 0.4 * random.next()))));
    const startMs = FIRST_DAY + random.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS - days) * DAY_MS;
    plans.push({ name: `talks-${String(plans.length + 1).padStart(4, "0")}`, size, startMs, days });
    total += size;
  }
  return plans;
}

/**
 * The synthetic history in the order its reports are published, in batches: every
 * negotiation reports on its own schedule and the store receives them interleaved.
 * Built lazily, so a million events never sit in memory at once.
 */
export function* syntheticHistory(events: number, batchSize = 1000, seed = 1): Generator<PendingEvent[]> {
  const negotiations = planNegotiations(events, seed).map((p, i) => new SyntheticNegotiation(p.name, p.size, p.startMs, p.days, new Random(seed * 7919 + i)));
  const heap = new ReportQueue(negotiations);
  let batch: PendingEvent[] = [];
  for (let n = heap.pop(); n; n = heap.pop()) {
    batch.push(n.next());
    if (!n.done) heap.push(n);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A binary heap of negotiations by their next publication time. */
class ReportQueue {
  private readonly items: SyntheticNegotiation[] = [];

  constructor(negotiations: SyntheticNegotiation[]) {
    for (const n of negotiations) this.push(n);
  }

  push(n: SyntheticNegotiation): void {
    const items = this.items;
    items.push(n);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.nextReportMs <= items[i]!.nextReportMs) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): SyntheticNegotiation | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l]!.nextReportMs < items[m]!.nextReportMs) m = l;
        if (r < items.length && items[r]!.nextReportMs < items[m]!.nextReportMs) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i]!, items[m]!];
        i = m;
      }
    }
    return top;
  }
}
