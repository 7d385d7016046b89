import type { PartyDeclaration } from "../../events/negotiation.ts";
import type { Source } from "../../events/source.ts";
import type { DateRange, ValidTime } from "../../events/valid-time.ts";
import type { DocumentSet } from "../../projections/documents.ts";
import type { Meeting } from "../../projections/meetings.ts";
import type { Manner, Office, Person } from "../../projections/people.ts";
import type { Plan, PlanPoint, Reaction, Revision } from "../../projections/plans.ts";
import type { Change } from "../../projections/projection.ts";
import type { Report } from "../../projections/reports.ts";
import type { Stance } from "../../projections/stances.ts";
import type { Statement } from "../../projections/statements.ts";
import type { DeclaredIssue, Vocabulary, Wording } from "../../projections/vocabulary.ts";

/**
 * The document is the projections' state as a reader sees it, so each type below is its
 * state type rendered, not restated: a field added to a projection's state shows up here
 * (and the renderer must then fill it) without a second list to keep in step.
 */

/** A source as the state shows it: which event it backs, so a reader can click through. */
export type SourceRef = Source & { eventId: string };

/** Spells a type out as one object, so an editor shows its fields rather than a chain of intersections. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** Each valid time as its EDTF string ("2025-11", "2025-11-24/2025-11-30"). */
type Edtf<T> = { [K in keyof T]: T[K] extends ValidTime ? string : T[K] };
/** Each valid time as EDTF, with its interval beside it under `…Range`, so a script compares dates without parsing EDTF. */
type Dated<T> = Edtf<T> & { [K in keyof T & string as T[K] extends ValidTime ? `${K}Range` : never]: DateRange };
/** Optional fields as explicit nulls, as JSON readers expect them. */
type Nullable<T> = { [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K] };

/** What every fact carries once its refs are resolved: whether it may still change at `at`, and who says so. */
interface Cited {
  /** True while `at` falls inside the valid-time interval of the event the fact rests on. */
  tentative: boolean;
  /** How many independent sources stand behind it (1: a single source). */
  corroboration: number;
  sources: SourceRef[];
}

/** A fact of a projection's state, rendered: its ref resolved to sources, its dates dated, less the fields named in `Left`. */
type Rendered<T, Left extends keyof T = never> = Flat<Dated<Omit<T, "ref" | Left>> & Cited>;
/** A fact whose date is that of the event that last set it, shown as `since`. */
type Since = Dated<{ since: ValidTime }>;

export type ChangeDoc = Flat<Dated<Omit<Change, "ref">> & { eventId: string; sources: SourceRef[] }>;

export type PointDoc = Flat<Rendered<PlanPoint, "history"> & Since & { history: ChangeDoc[] }>;

export type ReactionDoc = Flat<Rendered<Reaction, "change"> & Dated<Pick<Change, "at">>>;

export type RevisionDoc = Flat<ChangeDoc & Pick<Revision, "pointCount" | "contentsDisclosed"> & Nullable<Pick<Revision, "venue">> & Pick<Cited, "corroboration">>;

export type PlanDoc = Flat<Rendered<Plan, "refs" | "points" | "revisions" | "reactions"> & { points: PointDoc[]; revisions: RevisionDoc[]; reactions: ReactionDoc[] }>;

export type StanceDoc = Flat<
  Rendered<Stance, "history"> &
    Since & {
      /** The issue's proposition as worded now; null for an issue its negotiation never declared (a legacy record). */
      proposition: string | null;
      /** The wording in force when the stance was stated, if the issue has since been reworded. */
      statedAgainst: string | null;
      history: Flat<ChangeDoc & Pick<Stance["history"][number], "speaker" | "terms">>[];
    }
>;

export type MeetingDoc = Rendered<Meeting, "history">;

export type DocumentSetDoc = Rendered<DocumentSet, "titles">;

/** One office a person holds or held: a row per person and role. */
export type PersonDoc = Flat<
  Pick<Person, "name" | "party"> &
    Rendered<Office, "departures"> & {
      /** How they left: null while in office, "disputed" when reports disagree. */
      manner: Manner | "disputed" | null;
    }
>;

export type StatementDoc = Rendered<Statement>;

export type ReportDoc = Rendered<Report>;

/** A subject with two or more claims, each with the sources behind it. */
export interface DisputeDoc {
  subject: string;
  accounts: Flat<{ claim: string } & Pick<Cited, "corroboration" | "sources">>[];
}

/** Whether the negotiation declared the id: false for one the record uses without a declaration (a store from before vocabularies). */
type Declared = { declared: boolean };

export type PartyDoc = Flat<Nullable<PartyDeclaration> & Declared>;

export type IssueDoc = Flat<
  Pick<DeclaredIssue, "id"> & {
    /** Current wording; null when undeclared. */
    proposition: string | null;
    wordings: Edtf<Wording>[];
  } & Declared
>;

/** The negotiations this document covers and the parties and issues they declare, the rows and columns of the stance matrix. */
export interface VocabularyDoc {
  negotiations: Flat<{ id: Vocabulary["negotiationId"] } & Pick<Vocabulary, "title" | "summary">>[];
  parties: PartyDoc[];
  issues: IssueDoc[];
}

/** The one shape the CLI's --json, the HTTP API and the dashboard share. */
export interface StateDocument {
  at: string;
  knownAt: string | null;
  position: number;
  /** True when any field rests on an event whose date range `at` falls inside. */
  tentative: boolean;
  vocabulary: VocabularyDoc;
  plans: PlanDoc[];
  stances: StanceDoc[];
  meetings: MeetingDoc[];
  documents: DocumentSetDoc[];
  people: PersonDoc[];
  statements: StatementDoc[];
  /** Developments the articles report in their own voice, in valid-time order. */
  reports: ReportDoc[];
  disputes: DisputeDoc[];
}
