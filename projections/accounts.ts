import type { Draft } from "immer";
import type { StoredEvent } from "../events/envelope.ts";
import { refTo, type Projection, type Ref } from "./projection.ts";

/**
 * Accounts of one subject, by claim. Reports that agree pile up under one claim; a
 * subject with two or more claims is a dispute, and every claim keeps its sources.
 */
export type AccountsState = Record<string, Record<string, Ref[]>>;

function record(draft: Draft<AccountsState>, subject: string, claim: string, e: StoredEvent): void {
  ((draft[subject] ??= {})[claim] ??= []).push(refTo(e));
}

export const accounts: Projection<AccountsState> = {
  name: "accounts",
  initial: {},
  apply(draft, e) {
    if ((e.type === "StatementMade" || e.type === "DevelopmentReported") && e.data.subject && e.data.claim) record(draft, e.data.subject, e.data.claim, e);
    if (e.type === "OfficialLeftOffice" && e.data.manner !== "unknown")
      record(draft, `how ${e.data.person} left office as ${e.data.role}`, e.data.manner, e);
  },
};
