import type { StoredEvent } from "../../events/envelope.ts";
import type { Source } from "../../events/source.ts";
import { dateRange, edtfOf, type DateRange, type ValidTime } from "../../events/valid-time.ts";
import type { Issue, MeetingStatus, Participant, Party, StancePosition } from "../../events/vocabulary.ts";
import type { ParleyState } from "../../projections/index.ts";
import type { Manner } from "../../projections/people.ts";
import type { PointStatus } from "../../projections/plans.ts";
import type { Change, Ref } from "../../projections/projection.ts";
import { wordingAt, type Vocabulary } from "../../projections/vocabulary.ts";
import type { Reading } from "./reading.ts";

/** A source as the state shows it: which event it backs, so a reader can click through. */
export type SourceRef = Source & { eventId: string };

/**
 * How many independent sources stand behind a fact: distinct articles (a seed, a URL, or
 * an outlet's title), the first thing an editor asks. 1 means a single source.
 */
export function corroborationOf(sources: readonly Source[]): number {
  return new Set(sources.map((s) => s.seed ?? s.url ?? `${s.outlet ?? ""}|${s.title ?? s.quote}`)).size;
}

export interface ChangeDoc {
  kind: string;
  summary: string;
  /** EDTF, with its interval in `atRange`. */
  at: string;
  atRange: DateRange;
  eventId: string;
  sources: SourceRef[];
}

export interface PointDoc {
  id: string;
  number: number | null;
  issue: Issue | null;
  summary: string;
  status: PointStatus;
  since: string;
  sinceRange: DateRange;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
  history: ChangeDoc[];
}

export interface ReactionDoc {
  party: Party;
  position: StancePosition;
  quote: string | null;
  summary: string | null;
  at: string;
  atRange: DateRange;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
}

export interface PlanDoc {
  id: string;
  title: string;
  sponsor: Party | null;
  manner: string;
  pointCount: number | null;
  contentsDisclosed: boolean;
  tentative: boolean;
  corroboration: number;
  points: PointDoc[];
  revisions: (ChangeDoc & { pointCount: number | null; contentsDisclosed: boolean; venue: string | null; corroboration: number })[];
  reactions: ReactionDoc[];
  sources: SourceRef[];
}

export interface StanceDoc {
  party: Party;
  issue: Issue;
  /** The issue's proposition as worded now; null for an issue its negotiation never declared (a legacy record). */
  proposition: string | null;
  /** The wording in force when the stance was stated, if the issue has since been reworded. */
  statedAgainst: string | null;
  position: StancePosition;
  terms: string | null;
  since: string;
  sinceRange: DateRange;
  speaker: string | null;
  quote: string | null;
  basis: string | null;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
  history: (ChangeDoc & { speaker: string | null; terms: string | null })[];
}

export interface MeetingDoc {
  id: string;
  place: string;
  date: string;
  dateRange: DateRange;
  status: MeetingStatus;
  participants: Participant[];
  durationHours: number | null;
  durationApproximate: boolean;
  documentsPresented: number | null;
  round: string | null;
  purpose: string | null;
  outcome: string | null;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
}

export interface DocumentSetDoc {
  id: string;
  presentedBy: Party;
  presentedTo: Party[];
  count: number | null;
  meetingId: string | null;
  planId: string | null;
  description: string;
  date: string;
  dateRange: DateRange;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
}

export interface PersonDoc {
  name: string;
  party: Party;
  role: string;
  /** "appointed": a report says they took the role; "named": a meeting lists them in it, which dates nothing. */
  basis: "appointed" | "named";
  status: "in-office" | "left-office";
  since: string;
  sinceRange: DateRange;
  previousRole: string | null;
  /** How they left: null while in office, "disputed" when reports disagree. */
  manner: Manner | "disputed" | null;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
}

export interface StatementDoc {
  speaker: string;
  party: Party;
  summary: string;
  quote: string | null;
  issues: Issue[];
  meetingId: string | null;
  at: string;
  atRange: DateRange;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
}

export interface ReportDoc {
  summary: string;
  parties: Party[];
  issues: Issue[];
  quote: string | null;
  at: string;
  atRange: DateRange;
  tentative: boolean;
  corroboration: number;
  sources: SourceRef[];
}

export interface DisputeDoc {
  subject: string;
  accounts: { claim: string; corroboration: number; sources: SourceRef[] }[];
}

export interface PartyDoc {
  id: string;
  name: string;
  kind: string | null;
  aliases: string[];
  /** False for an id the record uses that its negotiation never declared (a store from before vocabularies). */
  declared: boolean;
}

export interface IssueDoc {
  id: string;
  /** Current wording; null when undeclared. */
  proposition: string | null;
  wordings: { proposition: string; from: string; reason: string | null; eventId: string }[];
  declared: boolean;
}

/** The negotiations this document covers and the parties and issues they declare, the rows and columns of the stance matrix. */
export interface VocabularyDoc {
  negotiations: { id: string; title: string; summary: string | null }[];
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

/** ISO instants of one format sort as text, and a plain comparison is a hundred times cheaper than a locale's. */
const earlier = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTime = (a: { atRange?: DateRange; sinceRange?: DateRange; dateRange?: DateRange }, b: typeof a) =>
  earlier((a.atRange ?? a.sinceRange ?? a.dateRange)!.from ?? "", (b.atRange ?? b.sinceRange ?? b.dateRange)!.from ?? "");
/** The order stances always had (the default locale's), from one collator rather than one per comparison. */
const collation = new Intl.Collator();

/** Renders projection state at one moment into the document, resolving provenance. */
export function toDocument(
  state: ParleyState,
  view: { at: string; knownAt: string | null; position: number; lookup: (id: string) => StoredEvent | undefined; vocabularies: Vocabulary[] },
): StateDocument {
  const atMs = Date.parse(view.at);
  let anyTentative = false;
  const tentative = (ref: Ref) => {
    const t = Date.parse(ref.until) > atMs;
    anyTentative ||= t;
    return t;
  };
  const event = (ref: Ref) => view.lookup(ref.eventId);
  // Fields and their histories cite the same events over and over: each event's sources are resolved once.
  const cited = new Map<StoredEvent, SourceRef[]>();
  const sourcesOf = (eventId: string, e: StoredEvent | undefined): SourceRef[] => {
    if (!e) return [];
    let list = cited.get(e);
    if (!list) cited.set(e, (list = e.sources.map((s) => ({ ...s, eventId }))));
    return list;
  };
  const sources = (...refs: (Ref | undefined)[]): SourceRef[] => {
    if (refs.length === 1) return refs[0] ? sourcesOf(refs[0].eventId, event(refs[0])) : [];
    const seen = new Set<string>();
    return refs.flatMap((r) => {
      if (!r || seen.has(r.eventId)) return [];
      seen.add(r.eventId);
      return sourcesOf(r.eventId, event(r));
    });
  };
  const validTime = (ref: Ref): ValidTime => event(ref)?.occurredAt ?? { precision: "instant", from: ref.until, to: ref.until };
  const since = (ref: Ref) => ({ since: edtfOf(validTime(ref)), sinceRange: dateRange(validTime(ref)) });
  const at = (vt: ValidTime) => ({ at: edtfOf(vt), atRange: dateRange(vt) });
  const change = (c: Change) => ({ kind: c.kind, summary: c.summary, ...at(c.at), eventId: c.ref.eventId, sources: sources(c.ref) });
  const withCorroboration = <T extends { sources: SourceRef[] }>(fact: T) => ({ ...fact, corroboration: corroborationOf(fact.sources) });
  const vocabulary = vocabularyDoc(view.vocabularies, state);
  const issues = new Map(view.vocabularies.flatMap((v) => Object.values(v.issues).map((i) => [i.id, i] as const)));

  const plans = Object.values(state.plans).map((p): PlanDoc => withCorroboration({
    id: p.id, title: p.title, sponsor: p.sponsor, manner: p.manner, pointCount: p.pointCount, contentsDisclosed: p.contentsDisclosed,
    tentative: [p.refs.pointCount, p.refs.contentsDisclosed].some((r) => r && tentative(r)),
    points: Object.values(p.points).map((pt) => withCorroboration({
      id: pt.id, number: pt.number, issue: pt.issue, summary: pt.summary, status: pt.status, ...since(pt.ref),
      tentative: tentative(pt.ref), sources: sources(...pt.history.map((h) => h.ref)), history: pt.history.map(change),
    })),
    revisions: p.revisions.map((r) => withCorroboration({ ...change(r.change), pointCount: r.pointCount, contentsDisclosed: r.contentsDisclosed, venue: r.venue ?? null })),
    reactions: p.reactions.map((r) => withCorroboration({
      party: r.party, position: r.position, quote: r.quote, summary: r.summary, ...at(r.change.at), tentative: tentative(r.change.ref), sources: sources(r.change.ref),
    })),
    // The point count and disclosure are what the plan's figures rest on now; its publication only for who sponsored it.
    sources: sources(p.refs.pointCount, p.refs.contentsDisclosed, p.refs.published),
  }));

  const stances = Object.values(state.stances).map((s): StanceDoc => {
    const src = sources(s.ref);
    const issue = issues.get(s.issue);
    const answered = issue && wordingAt(issue, validTime(s.ref)).proposition;
    const proposition = issue ? issue.wordings[issue.wordings.length - 1]!.proposition : null;
    return {
      party: s.party, issue: s.issue, proposition, statedAgainst: answered !== proposition ? (answered ?? null) : null,
      position: s.position, terms: s.terms, ...since(s.ref),
      speaker: s.speaker, quote: s.quote ?? src[0]?.quoteClean ?? null, basis: s.basis, tentative: tentative(s.ref),
      corroboration: corroborationOf(src), sources: src,
      history: s.history.map((h) => ({ ...change(h), speaker: h.speaker, terms: h.terms })),
    };
  });

  const meetings = Object.values(state.meetings).map((m): MeetingDoc => withCorroboration({
    id: m.id, place: m.place, date: edtfOf(m.date), dateRange: dateRange(m.date), status: m.status, participants: m.participants,
    durationHours: m.durationHours, durationApproximate: m.durationApproximate, documentsPresented: m.documentsPresented,
    round: m.round, purpose: m.purpose, outcome: m.outcome, tentative: tentative(m.ref), sources: sources(...m.history.map((h) => h.ref)),
  }));

  const documents = Object.values(state.documents).map((d): DocumentSetDoc => withCorroboration({
    id: d.id, presentedBy: d.presentedBy, presentedTo: d.presentedTo, count: d.count, meetingId: d.meetingId, planId: d.planId,
    description: d.description, date: edtfOf(d.date), dateRange: dateRange(d.date), tentative: tentative(d.ref), sources: sources(d.ref),
  }));

  const people = Object.values(state.people).flatMap((p) =>
    Object.values(p.offices).map((o): PersonDoc => {
      const manners = new Set(o.departures.map((d) => d.manner).filter((m) => m !== "unknown"));
      return withCorroboration({
        name: p.name, party: p.party, role: o.role, basis: o.basis, status: o.status, since: edtfOf(o.since), sinceRange: dateRange(o.since), previousRole: o.previousRole,
        manner: o.status === "in-office" ? null : manners.size > 1 ? "disputed" : ([...manners][0] ?? "unknown"),
        tentative: tentative(o.ref), sources: sources(o.ref, ...o.departures.map((d) => d.ref)),
      });
    }),
  );

  const statements = Object.values(state.statements).flat().map((s): StatementDoc => withCorroboration({
    speaker: s.speaker, party: s.party, summary: s.summary, quote: s.quote, issues: s.issues, meetingId: s.meetingId,
    ...at(s.at), tentative: tentative(s.ref), sources: sources(s.ref),
  }));

  const reports = state.reports.map((r): ReportDoc => withCorroboration({
    summary: r.summary, parties: r.parties, issues: r.issues, quote: r.quote, ...at(r.at), tentative: tentative(r.ref), sources: sources(r.ref),
  }));

  const disputes = Object.entries(state.accounts)
    .filter(([, claims]) => Object.keys(claims).length > 1)
    .map(([subject, claims]): DisputeDoc => ({
      subject,
      accounts: Object.entries(claims).map(([claim, refs]) => withCorroboration({ claim, sources: sources(...refs) })),
    }));

  return {
    at: view.at, knownAt: view.knownAt, position: view.position, tentative: anyTentative, vocabulary,
    plans, stances: stances.sort((a, b) => collation.compare(`${a.party}/${a.issue}`, `${b.party}/${b.issue}`)),
    meetings: meetings.sort(byTime), documents: documents.sort(byTime), people, statements: statements.sort(byTime), reports: reports.sort(byTime), disputes,
  };
}

/** What a reading of one view shows at valid time `at`: its snapshot there, rendered. */
export function documentAt(reading: Pick<Reading, "snapshotAt" | "lookup" | "vocabularies">, at: string, knownAt: string | null): StateDocument {
  const snapshot = reading.snapshotAt(Date.parse(at));
  return toDocument(snapshot.state, { at, knownAt, position: snapshot.position, lookup: reading.lookup, vocabularies: reading.vocabularies() });
}

/**
 * The declared parties and issues (the first declaration of an id wins across negotiations),
 * then any id the state uses that nothing declared, so a legacy record's stances still have a row and a column.
 */
function vocabularyDoc(vocabularies: Vocabulary[], state: ParleyState): VocabularyDoc {
  const { parties, issues } = declaredIn(vocabularies);
  for (const s of Object.values(state.stances)) {
    if (!parties.has(s.party)) parties.set(s.party, { id: s.party, name: s.party, kind: null, aliases: [], declared: false });
    if (!issues.has(s.issue)) issues.set(s.issue, { id: s.issue, proposition: null, wordings: [], declared: false });
  }
  return {
    negotiations: vocabularies.map((v) => ({ id: v.negotiationId, title: v.title, summary: v.summary })),
    parties: [...parties.values()],
    issues: [...issues.values()],
  };
}

/** The parties and issues the vocabularies declare, by id, in the order declared. */
export function declaredIn(vocabularies: Vocabulary[]): { parties: Map<string, PartyDoc>; issues: Map<string, IssueDoc> } {
  const parties = new Map<string, PartyDoc>();
  const issues = new Map<string, IssueDoc>();
  for (const v of vocabularies) {
    for (const p of Object.values(v.parties)) if (!parties.has(p.id)) parties.set(p.id, { id: p.id, name: p.name, kind: p.kind ?? null, aliases: p.aliases, declared: true });
    for (const i of Object.values(v.issues)) {
      if (issues.has(i.id)) continue;
      const wordings = i.wordings.map((w) => ({ proposition: w.proposition, from: edtfOf(w.from), reason: w.reason, eventId: w.eventId }));
      issues.set(i.id, { id: i.id, proposition: wordings[wordings.length - 1]!.proposition, wordings, declared: true });
    }
  }
  return { parties, issues };
}
