import type { StoredEvent } from "../../events/envelope.ts";
import type { Source } from "../../events/source.ts";
import type { ValidTime } from "../../events/valid-time.ts";
import { issuePropositions, type Issue, type MeetingStatus, type Participant, type Party, type StancePosition } from "../../events/vocabulary.ts";
import type { ParleyState } from "../../projections/index.ts";
import type { Manner } from "../../projections/people.ts";
import type { PointStatus } from "../../projections/plans.ts";
import type { Change, Ref } from "../../projections/projection.ts";
import type { Reading } from "./known-at.ts";

/** A source as the state shows it: which event it backs, so a reader can click through. */
export type SourceRef = Source & { eventId: string };

export interface ChangeDoc {
  kind: string;
  summary: string;
  at: ValidTime;
  eventId: string;
  sources: SourceRef[];
}

export interface PointDoc {
  id: string;
  number: number | null;
  issue: Issue | null;
  summary: string;
  status: PointStatus;
  since: ValidTime;
  tentative: boolean;
  sources: SourceRef[];
  history: ChangeDoc[];
}

export interface PlanDoc {
  id: string;
  title: string;
  sponsor: Party | null;
  manner: string;
  pointCount: number | null;
  contentsDisclosed: boolean;
  tentative: boolean;
  points: PointDoc[];
  revisions: (ChangeDoc & { pointCount: number | null; contentsDisclosed: boolean; venue: string | null })[];
  sources: SourceRef[];
}

export interface StanceDoc {
  party: Party;
  issue: Issue;
  proposition: string;
  position: StancePosition;
  since: ValidTime;
  speaker: string | null;
  quote: string | null;
  basis: string | null;
  tentative: boolean;
  sources: SourceRef[];
  history: (ChangeDoc & { speaker: string | null })[];
}

export interface MeetingDoc {
  id: string;
  place: string;
  date: ValidTime;
  datePrecision: ValidTime["precision"];
  status: MeetingStatus;
  participants: Participant[];
  durationHours: number | null;
  durationApproximate: boolean;
  documentsPresented: number | null;
  round: string | null;
  purpose: string | null;
  outcome: string | null;
  tentative: boolean;
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
  date: ValidTime;
  tentative: boolean;
  sources: SourceRef[];
}

export interface PersonDoc {
  name: string;
  party: Party;
  role: string;
  /** "appointed": a report says they took the role; "named": a meeting lists them in it, which dates nothing. */
  basis: "appointed" | "named";
  status: "in-office" | "left-office";
  since: ValidTime;
  previousRole: string | null;
  /** How they left: null while in office, "disputed" when reports disagree. */
  manner: Manner | "disputed" | null;
  tentative: boolean;
  sources: SourceRef[];
}

export interface StatementDoc {
  speaker: string;
  party: Party;
  summary: string;
  quote: string | null;
  issues: Issue[];
  meetingId: string | null;
  at: ValidTime;
  tentative: boolean;
  sources: SourceRef[];
}

export interface DisputeDoc {
  subject: string;
  accounts: { claim: string; sources: SourceRef[] }[];
}

/** The one shape the CLI's --json, the HTTP API and the dashboard share. */
export interface StateDocument {
  at: string;
  knownAt: string | null;
  position: number;
  /** True when any field rests on an event whose date range `at` falls inside. */
  tentative: boolean;
  plans: PlanDoc[];
  stances: StanceDoc[];
  meetings: MeetingDoc[];
  documents: DocumentSetDoc[];
  people: PersonDoc[];
  statements: StatementDoc[];
  disputes: DisputeDoc[];
}

/** ISO instants of one format sort as text, and a plain comparison is a hundred times cheaper than a locale's. */
const earlier = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTime = (a: { at?: ValidTime; since?: ValidTime; date?: ValidTime }, b: typeof a) =>
  earlier((a.at ?? a.since ?? a.date)!.from, (b.at ?? b.since ?? b.date)!.from);
/** The order stances always had (the default locale's), from one collator rather than one per comparison. */
const collation = new Intl.Collator();

/** Renders projection state at one moment into the document, resolving provenance. */
export function toDocument(
  state: ParleyState,
  view: { at: string; knownAt: string | null; position: number; lookup: (id: string) => StoredEvent | undefined },
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
  const since = (ref: Ref): ValidTime => event(ref)?.occurredAt ?? { precision: "instant", from: ref.until, to: ref.until };
  const change = (c: Change) => ({ kind: c.kind, summary: c.summary, at: c.at, eventId: c.ref.eventId, sources: sources(c.ref) });

  const plans = Object.values(state.plans).map((p): PlanDoc => ({
    id: p.id, title: p.title, sponsor: p.sponsor, manner: p.manner, pointCount: p.pointCount, contentsDisclosed: p.contentsDisclosed,
    tentative: [p.refs.pointCount, p.refs.contentsDisclosed].some((r) => r && tentative(r)),
    points: Object.values(p.points).map((pt) => ({
      id: pt.id, number: pt.number, issue: pt.issue, summary: pt.summary, status: pt.status, since: since(pt.ref),
      tentative: tentative(pt.ref), sources: sources(...pt.history.map((h) => h.ref)), history: pt.history.map(change),
    })),
    revisions: p.revisions.map((r) => ({ ...change(r.change), pointCount: r.pointCount, contentsDisclosed: r.contentsDisclosed, venue: r.venue ?? null })),
    sources: sources(p.refs.published, p.refs.pointCount, p.refs.contentsDisclosed),
  }));

  const stances = Object.values(state.stances).map((s): StanceDoc => {
    const src = sources(s.ref);
    return {
      party: s.party, issue: s.issue, proposition: issuePropositions[s.issue], position: s.position, since: since(s.ref),
      speaker: s.speaker, quote: s.quote ?? src[0]?.quoteClean ?? null, basis: s.basis, tentative: tentative(s.ref), sources: src,
      history: s.history.map((h) => ({ ...change(h), speaker: h.speaker })),
    };
  });

  const meetings = Object.values(state.meetings).map((m): MeetingDoc => ({
    id: m.id, place: m.place, date: m.date, datePrecision: m.date.precision, status: m.status, participants: m.participants,
    durationHours: m.durationHours, durationApproximate: m.durationApproximate, documentsPresented: m.documentsPresented,
    round: m.round, purpose: m.purpose, outcome: m.outcome, tentative: tentative(m.ref), sources: sources(...m.history.map((h) => h.ref)),
  }));

  const documents = Object.values(state.documents).map((d): DocumentSetDoc => ({
    id: d.id, presentedBy: d.presentedBy, presentedTo: d.presentedTo, count: d.count, meetingId: d.meetingId, planId: d.planId,
    description: d.description, date: d.date, tentative: tentative(d.ref), sources: sources(d.ref),
  }));

  const people = Object.values(state.people).flatMap((p) =>
    Object.values(p.offices).map((o): PersonDoc => {
      const manners = new Set(o.departures.map((d) => d.manner).filter((m) => m !== "unknown"));
      return {
        name: p.name, party: p.party, role: o.role, basis: o.basis, status: o.status, since: o.since, previousRole: o.previousRole,
        manner: o.status === "in-office" ? null : manners.size > 1 ? "disputed" : ([...manners][0] ?? "unknown"),
        tentative: tentative(o.ref), sources: sources(o.ref, ...o.departures.map((d) => d.ref)),
      };
    }),
  );

  const statements = Object.values(state.statements).flat().map((s): StatementDoc => ({
    speaker: s.speaker, party: s.party, summary: s.summary, quote: s.quote, issues: s.issues, meetingId: s.meetingId,
    at: s.at, tentative: tentative(s.ref), sources: sources(s.ref),
  }));

  const disputes = Object.entries(state.accounts)
    .filter(([, claims]) => Object.keys(claims).length > 1)
    .map(([subject, claims]): DisputeDoc => ({
      subject,
      accounts: Object.entries(claims).map(([claim, refs]) => ({ claim, sources: sources(...refs) })),
    }));

  return {
    at: view.at, knownAt: view.knownAt, position: view.position, tentative: anyTentative,
    plans, stances: stances.sort((a, b) => collation.compare(`${a.party}/${a.issue}`, `${b.party}/${b.issue}`)),
    meetings: meetings.sort(byTime), documents: documents.sort(byTime), people, statements: statements.sort(byTime), disputes,
  };
}

/** What a reading of one view shows at valid time `at`: its checkpoint there, rendered. */
export function documentAt(reading: Pick<Reading, "stateAt" | "lookup">, at: string, knownAt: string | null): StateDocument {
  const checkpoint = reading.stateAt(Date.parse(at));
  return toDocument(checkpoint.state, { at, knownAt, position: checkpoint.position, lookup: reading.lookup });
}
