import type { StoredEvent } from "../../events/envelope.ts";
import type { Source } from "../../events/source.ts";
import { dateRange, edtfOf, type DateRange, type ValidTime } from "../../events/valid-time.ts";
import type { ParleyState } from "../../projections/index.ts";
import type { Change, Ref } from "../../projections/projection.ts";
import { wordingAt, type Vocabulary } from "../../projections/vocabulary.ts";
import type { DisputeDoc, DocumentSetDoc, MeetingDoc, PersonDoc, PlanDoc, ReportDoc, SourceRef, StanceDoc, StateDocument, StatementDoc } from "./document-types.ts";
import type { Reading } from "./reading.ts";
import { vocabularyDoc } from "./vocabulary-doc.ts";

export type * from "./document-types.ts";
export { declaredIn } from "./vocabulary-doc.ts";

/**
 * How many independent sources stand behind a fact: distinct articles (a seed, a URL, or
 * an outlet's title), the first thing an editor asks. 1 means a single source.
 */
export function corroborationOf(sources: readonly Source[]): number {
  return new Set(sources.map((s) => s.seed ?? s.url ?? `${s.outlet ?? ""}|${s.title ?? s.quote}`)).size;
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

  const plans = Object.values(state.plans).map((p): PlanDoc =>
    withCorroboration({
      id: p.id,
      title: p.title,
      sponsor: p.sponsor,
      manner: p.manner,
      pointCount: p.pointCount,
      contentsDisclosed: p.contentsDisclosed,
      tentative: [p.refs.pointCount, p.refs.contentsDisclosed].some((r) => r && tentative(r)),
      points: Object.values(p.points).map((pt) =>
        withCorroboration({
          id: pt.id,
          number: pt.number,
          issue: pt.issue,
          summary: pt.summary,
          status: pt.status,
          ...since(pt.ref),
          tentative: tentative(pt.ref),
          sources: sources(...pt.history.map((h) => h.ref)),
          history: pt.history.map(change),
        }),
      ),
      revisions: p.revisions.map((r) => withCorroboration({ ...change(r.change), pointCount: r.pointCount, contentsDisclosed: r.contentsDisclosed, venue: r.venue ?? null })),
      reactions: p.reactions.map((r) =>
        withCorroboration({
          party: r.party,
          position: r.position,
          quote: r.quote,
          summary: r.summary,
          ...at(r.change.at),
          tentative: tentative(r.change.ref),
          sources: sources(r.change.ref),
        }),
      ),
      // The point count and disclosure are what the plan's figures rest on now; its publication only for who sponsored it.
      sources: sources(p.refs.pointCount, p.refs.contentsDisclosed, p.refs.published),
    }),
  );

  const stances = Object.values(state.stances).map((s): StanceDoc => {
    const src = sources(s.ref);
    const issue = issues.get(s.issue);
    const answered = issue && wordingAt(issue, validTime(s.ref)).proposition;
    const proposition = issue ? issue.wordings[issue.wordings.length - 1]!.proposition : null;
    return {
      party: s.party,
      issue: s.issue,
      proposition,
      statedAgainst: answered !== proposition ? (answered ?? null) : null,
      position: s.position,
      terms: s.terms,
      ...since(s.ref),
      speaker: s.speaker,
      quote: s.quote ?? src[0]?.quoteClean ?? null,
      basis: s.basis,
      tentative: tentative(s.ref),
      corroboration: corroborationOf(src),
      sources: src,
      history: s.history.map((h) => ({ ...change(h), speaker: h.speaker, terms: h.terms })),
    };
  });

  const meetings = Object.values(state.meetings).map((m): MeetingDoc =>
    withCorroboration({
      id: m.id,
      place: m.place,
      date: edtfOf(m.date),
      dateRange: dateRange(m.date),
      status: m.status,
      participants: m.participants,
      durationHours: m.durationHours,
      durationApproximate: m.durationApproximate,
      documentsPresented: m.documentsPresented,
      round: m.round,
      purpose: m.purpose,
      outcome: m.outcome,
      tentative: tentative(m.ref),
      sources: sources(...m.history.map((h) => h.ref)),
    }),
  );

  const documents = Object.values(state.documents).map((d): DocumentSetDoc =>
    withCorroboration({
      id: d.id,
      presentedBy: d.presentedBy,
      presentedTo: d.presentedTo,
      count: d.count,
      meetingId: d.meetingId,
      planId: d.planId,
      description: d.description,
      date: edtfOf(d.date),
      dateRange: dateRange(d.date),
      tentative: tentative(d.ref),
      sources: sources(d.ref),
    }),
  );

  const people = Object.values(state.people).flatMap((p) =>
    Object.values(p.offices).map((o): PersonDoc => {
      const manners = new Set(o.departures.map((d) => d.manner).filter((m) => m !== "unknown"));
      return withCorroboration({
        name: p.name,
        party: p.party,
        role: o.role,
        basis: o.basis,
        status: o.status,
        since: edtfOf(o.since),
        sinceRange: dateRange(o.since),
        previousRole: o.previousRole,
        manner: o.status === "in-office" ? null : manners.size > 1 ? "disputed" : ([...manners][0] ?? "unknown"),
        tentative: tentative(o.ref),
        sources: sources(o.ref, ...o.departures.map((d) => d.ref)),
      });
    }),
  );

  const statements = Object.values(state.statements)
    .flat()
    .map((s): StatementDoc =>
      withCorroboration({
        speaker: s.speaker,
        party: s.party,
        summary: s.summary,
        quote: s.quote,
        issues: s.issues,
        meetingId: s.meetingId,
        ...at(s.at),
        tentative: tentative(s.ref),
        sources: sources(s.ref),
      }),
    );

  const reports = state.reports.map((r): ReportDoc =>
    withCorroboration({
      summary: r.summary,
      parties: r.parties,
      issues: r.issues,
      quote: r.quote,
      ...at(r.at),
      tentative: tentative(r.ref),
      sources: sources(r.ref),
    }),
  );

  const disputes = Object.entries(state.accounts)
    .filter(([, claims]) => Object.keys(claims).length > 1)
    .map(([subject, claims]): DisputeDoc => ({
      subject,
      accounts: Object.entries(claims).map(([claim, refs]) => withCorroboration({ claim, sources: sources(...refs) })),
    }));

  return {
    at: view.at,
    knownAt: view.knownAt,
    position: view.position,
    tentative: anyTentative,
    vocabulary,
    plans,
    stances: stances.sort((a, b) => collation.compare(`${a.party}/${a.issue}`, `${b.party}/${b.issue}`)),
    meetings: meetings.sort(byTime),
    documents: documents.sort(byTime),
    people,
    statements: statements.sort(byTime),
    reports: reports.sort(byTime),
    disputes,
  };
}

/** What a reading of one view shows at valid time `at`: its snapshot there, rendered. */
export function documentAt(reading: Pick<Reading, "snapshotAt" | "lookup" | "vocabularies">, at: string, knownAt: string | null): StateDocument {
  const snapshot = reading.snapshotAt(Date.parse(at));
  return toDocument(snapshot.state, { at, knownAt, position: snapshot.position, lookup: reading.lookup, vocabularies: reading.vocabularies() });
}
