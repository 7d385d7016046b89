import type { StoredEvent } from "../events/envelope.ts";
import { defineProjection, handledAll, refTo, type Ref } from "./projection.ts";

/**
 * Accounts of one subject, by claim. Reports that agree pile up under one claim; a
 * subject with two or more claims is a dispute, and every claim keeps its sources.
 */
export type AccountsState = Record<string, Record<string, Ref[]>>;

function record(state: AccountsState, subject: string, claim: string, e: StoredEvent): void {
  ((state[subject] ??= {})[claim] ??= []).push(refTo(e));
}

export const accounts = defineProjection({
  name: "accounts",
  handles: ["StatementMade", "DevelopmentReported", "OfficialLeftOffice"],
  initialState: (): AccountsState => ({}),
  apply(state, e) {
    switch (e.type) {
      case "StatementMade":
      case "DevelopmentReported":
        if (e.data.subject && e.data.claim) record(state, e.data.subject, e.data.claim, e);
        return;
      // An unknown manner is no account of how they left, so it disputes nothing.
      case "OfficialLeftOffice":
        if (e.data.manner !== "unknown") record(state, `how ${e.data.person} left office as ${e.data.role}`, e.data.manner, e);
        return;
      default:
        handledAll(e);
    }
  },
});
