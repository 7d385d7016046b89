import type { ValidTime } from "../events/valid-time.ts";
import type { Issue, Party } from "../events/vocabulary.ts";
import { defineProjection, fact, refTo, type Ref } from "./projection.ts";

export interface Statement {
  speaker: string;
  party: Party;
  summary: string;
  quote: string | null;
  issues: Issue[];
  meetingId: string | null;
  at: ValidTime;
  ref: Ref;
}

/** Who said what, by speaker: "who said what about NATO, and when". */
export type StatementsState = Record<string, Statement[]>;

export const statements = defineProjection({
  name: "statements",
  handles: ["StatementMade"],
  initialState: (): StatementsState => ({}),
  apply(state, e) {
    if (e.type !== "StatementMade") return;
    const d = e.data;
    (state[d.speaker] ??= []).push(
      fact({ speaker: d.speaker, party: d.party, summary: d.summary, quote: d.quote ?? null, issues: d.issues, meetingId: d.meetingId ?? null, at: e.occurredAt, ref: refTo(e) }),
    );
  },
});
