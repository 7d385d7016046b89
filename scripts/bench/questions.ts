import { Random } from "./random.ts";
import { planNegotiations } from "./synthetic-history.ts";
import { DAY_MS, iso } from "./valid-times.ts";

/** What a dashboard asks: one negotiation, at a moment in (or a month around) its span, as known at another. */
export interface Question {
  negotiation: string;
  at: string;
  knownAt: string;
  /** A day inside the span, for developments reported late. */
  pastDay: string;
}

export function questions(events: number, count: number, seed: number): Question[] {
  const plans = planNegotiations(events);
  const random = new Random(seed);
  return Array.from({ length: count }, () => {
    const p = random.pick(plans);
    const moment = () => iso(p.startMs - 30 * DAY_MS + random.int(0, p.days + 60) * DAY_MS + random.int(0, DAY_MS - 1));
    return { negotiation: p.name, at: moment(), knownAt: moment(), pastDay: iso(p.startMs + random.int(0, p.days) * DAY_MS).slice(0, 10) };
  });
}
