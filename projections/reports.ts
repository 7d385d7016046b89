import type { ValidTime } from "../events/valid-time.ts";
import type { Issue, Party } from "../events/vocabulary.ts";
import { defineProjection, fact, refTo, type Ref } from "./projection.ts";

/** A development an article reports in its own voice: a raid, a leak, a party left out. */
export interface Report {
  summary: string;
  parties: Party[];
  issues: Issue[];
  quote: string | null;
  at: ValidTime;
  ref: Ref;
}

/** In the order they happened; what differs between accounts is in `accounts` too. */
export type ReportsState = Report[];

export const reports = defineProjection({
  name: "reports",
  handles: ["DevelopmentReported"],
  initialState: (): ReportsState => [],
  apply(state, e) {
    if (e.type !== "DevelopmentReported") return;
    const d = e.data;
    state.push(fact({ summary: d.summary, parties: d.parties, issues: d.issues, quote: d.quote ?? null, at: e.occurredAt, ref: refTo(e) }));
  },
});
