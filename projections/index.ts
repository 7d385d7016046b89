import type { Draft } from "immer";
import type { StoredEvent } from "../events/envelope.ts";
import { accounts, type AccountsState } from "./accounts.ts";
import { documents, type DocumentsState } from "./documents.ts";
import { meetings, type MeetingsState } from "./meetings.ts";
import { people, type PeopleState } from "./people.ts";
import { plans, type PlansState } from "./plans.ts";
import type { Projection } from "./projection.ts";
import { stances, type StancesState } from "./stances.ts";
import { reports, type ReportsState } from "./reports.ts";
import { statements, type StatementsState } from "./statements.ts";

/** Every projection's state, side by side: what the negotiation looked like at one moment. */
export interface ParleyState {
  plans: PlansState;
  stances: StancesState;
  meetings: MeetingsState;
  documents: DocumentsState;
  people: PeopleState;
  statements: StatementsState;
  reports: ReportsState;
  accounts: AccountsState;
}

const all = { plans, stances, meetings, documents, people, statements, reports, accounts } satisfies {
  [K in keyof ParleyState]: Projection<ParleyState[K]>;
};

export const projectionNames = Object.keys(all) as (keyof ParleyState)[];

export const initialState: ParleyState = {
  plans: plans.initial, stances: stances.initial, meetings: meetings.initial, documents: documents.initial,
  people: people.initial, statements: statements.initial, reports: reports.initial, accounts: accounts.initial,
};

/** Applies one event to every projection's draft. */
export function applyEvent(draft: Draft<ParleyState>, event: StoredEvent): void {
  all.plans.apply(draft.plans, event);
  all.stances.apply(draft.stances, event);
  all.meetings.apply(draft.meetings, event);
  all.documents.apply(draft.documents, event);
  all.people.apply(draft.people, event);
  all.statements.apply(draft.statements, event);
  all.reports.apply(draft.reports, event);
  all.accounts.apply(draft.accounts, event);
}

export { accounts, documents, meetings, people, plans, reports, stances, statements };
