import type { EventType } from "../events/catalogue.ts";
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
import { vocabulary } from "./vocabulary.ts";

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

/** The projections the engine folds in valid-time order, one per part of the state. */
export const timelineProjections = { plans, stances, meetings, documents, people, statements, reports, accounts } satisfies {
  [K in keyof ParleyState]: Pick<Projection<ParleyState[K]>, "name" | "handles" | "initialState">;
};

export const projectionNames = Object.keys(timelineProjections) as (keyof ParleyState)[];

/** A fresh state with nothing folded: each call returns new objects, safe to fold into. */
export const initialState = (): ParleyState => ({
  plans: plans.initialState(),
  stances: stances.initialState(),
  meetings: meetings.initialState(),
  documents: documents.initialState(),
  people: people.initialState(),
  statements: statements.initialState(),
  reports: reports.initialState(),
  accounts: accounts.initialState(),
});

type Fold = (state: ParleyState, event: StoredEvent) => void;

/** Each event type's recipes, from the projections' `handles`: an event reaches only the projections that fold it. */
const foldsByType = new Map<string, Fold[]>();
for (const name of projectionNames) {
  const projection = timelineProjections[name] as Projection<ParleyState[typeof name]>;
  const fold: Fold = (state, event) => projection.apply(state[name], event);
  for (const type of projection.handles) foldsByType.set(type, [...(foldsByType.get(type) ?? []), fold]);
}

/** Applies one event, in place, to the parts of the state whose projections handle its type. */
export function applyEvent(state: ParleyState, event: StoredEvent): void {
  const folds = foldsByType.get(event.type);
  if (folds) for (const fold of folds) fold(state, event);
}

type Handles = { [K in keyof typeof timelineProjections]: (typeof timelineProjections)[K]["handles"][number] } & {
  vocabulary: (typeof vocabulary)["handles"][number];
};
/** The projections that may fold `T`: naming any other in `foldedBy` fails to compile. */
type FolderOf<T extends EventType> = { [K in keyof Handles]: T extends Handles[K] ? K : never }[keyof Handles];

/** An event type no projection folds, with the reason the engine handles it instead. */
interface ByTheEngine {
  engine: string;
}

const CORRECTION =
  "a correction is a fact about the record, not the world: the engine applies it to the event it names before any projection folds that event (src/engine/corrections.ts), so projections see the corrected event, or none if retracted";

/**
 * Who folds each event type in the catalogue. Adding a type fails `tsc` here until someone
 * decides; `projections/catalogue.spec.ts` checks the lists against each projection's `handles`.
 */
export const foldedBy = {
  NegotiationOpened: ["vocabulary"],
  PartyAdded: ["vocabulary"],
  IssueAdded: ["vocabulary"],
  IssueReworded: ["vocabulary"],
  SourceFiled: {
    engine:
      "a filed source is evidence about the record, not a development: the engine keeps it by sourceId to check citations and show each quote in context (src/engine/record-view.ts)",
  },
  PlanPublished: ["plans"],
  PlanRevised: ["plans"],
  PlanPointAdded: ["plans"],
  PlanPointAmended: ["plans"],
  PlanPointRemoved: ["plans"],
  PlanReaction: ["plans"],
  DocumentsPresented: ["documents"],
  MeetingScheduled: ["meetings", "people"],
  MeetingHeld: ["meetings", "people"],
  MeetingCancelled: ["meetings"],
  StanceStated: ["stances"],
  StatementMade: ["statements", "accounts"],
  DevelopmentReported: ["reports", "accounts"],
  OfficialAppointed: ["people"],
  OfficialLeftOffice: ["people", "accounts"],
  ReportCorrected: { engine: CORRECTION },
  ReportRetracted: { engine: CORRECTION },
} satisfies { [T in EventType]: readonly [FolderOf<T>, ...FolderOf<T>[]] | ByTheEngine };

export { accounts, documents, meetings, people, plans, reports, stances, statements, vocabulary };
