import type { StoredEvent } from "../../events/envelope.ts";
import type { Source } from "../../events/source.ts";
import { dateRange, edtfOf, type DateRange, type ValidTime } from "../../events/valid-time.ts";
import type { ParleyState } from "../../projections/index.ts";
import type { Change, Ref } from "../../projections/projection.ts";
import { wordingAt, type Vocabulary } from "../../projections/vocabulary.ts";
import type { ChangeDoc, DisputeDoc, DocumentSetDoc, MeetingDoc, PersonDoc, PlanDoc, ReportDoc, SourceRef, StanceDoc, StateDocument, StatementDoc } from "./document-types.ts";
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

/** An instant as `toISOString` writes it; two of these compare as text in time order. */
const isIsoInstant = (s: string) => s.length === 24 && s[4] === "-" && s[7] === "-" && s[10] === "T" && s[13] === ":" && s[16] === ":" && s[19] === "." && s[23] === "Z";

/** One cited event as a render sees it: looked up once, its sources and their corroboration worked out once. */
interface Cited {
  event: StoredEvent | undefined;
  sources: SourceRef[];
  corroboration: number | undefined;
}

type Dates = { edtf: string; range: DateRange };

/**
 * Renders projection state at one moment into the document, resolving provenance. A
 * document cites the same events and dates many times over (a point's history, a stance's),
 * and looking an event up in a store-wide index costs more than building the fact, so each
 * event is looked up, and each valid time written out, once per render.
 */
export function toDocument(
  state: ParleyState,
  view: { at: string; knownAt: string | null; position: number; lookup: (id: string) => StoredEvent | undefined; vocabularies: Vocabulary[] },
): StateDocument {
  const atMs = Date.parse(view.at);
  const atIso = isIsoInstant(view.at) ? view.at : undefined;
  let anyTentative = false;
  const tentative = (ref: Ref) => {
    const t = atIso !== undefined && isIsoInstant(ref.until) ? ref.until > atIso : Date.parse(ref.until) > atMs;
    anyTentative ||= t;
    return t;
  };
  const cited = new Map<string, Cited>();
  const citedBy = (ref: Ref): Cited => {
    let c = cited.get(ref.eventId);
    if (c) return c;
    const e = view.lookup(ref.eventId);
    const eventId = ref.eventId;
    c = { event: e, sources: e ? e.sources.map((s) => ({ ...s, eventId })) : [], corroboration: undefined };
    cited.set(eventId, c);
    return c;
  };
  const corroborationOfOne = (c: Cited) => (c.corroboration ??= corroborationOf(c.sources));
  /** The sources of several refs, each event once, and how many independent ones they are. */
  const many = (refs: readonly (Ref | undefined)[]): { sources: SourceRef[]; corroboration: number } => {
    const seen = new Set<string>();
    const sources: SourceRef[] = [];
    let only: Cited | undefined;
    let events = 0;
    for (const r of refs) {
      if (!r || seen.has(r.eventId)) continue;
      seen.add(r.eventId);
      only = citedBy(r);
      events++;
      for (const s of only.sources) sources.push(s);
    }
    return { sources, corroboration: events === 1 ? corroborationOfOne(only!) : corroborationOf(sources) };
  };
  const dated = new Map<ValidTime, Dates>();
  const datesOf = (vt: ValidTime): Dates => {
    let d = dated.get(vt);
    if (!d) dated.set(vt, (d = { edtf: edtfOf(vt), range: dateRange(vt) }));
    return d;
  };
  const validTime = (ref: Ref): ValidTime => citedBy(ref).event?.occurredAt ?? { precision: "instant", from: ref.until, to: ref.until };
  const change = (c: Change): ChangeDoc => {
    const d = datesOf(c.at);
    return { kind: c.kind, summary: c.summary, at: d.edtf, atRange: d.range, eventId: c.ref.eventId, sources: citedBy(c.ref).sources };
  };
  const vocabulary = vocabularyDoc(view.vocabularies, state);
  const issues = new Map(view.vocabularies.flatMap((v) => Object.values(v.issues).map((i) => [i.id, i] as const)));

  const plans = Object.values(state.plans).map((p): PlanDoc => {
    const points = Object.values(p.points).map((pt) => {
      const since = datesOf(validTime(pt.ref));
      const cite = many(pt.history.map((h) => h.ref));
      return {
        id: pt.id,
        number: pt.number,
        issue: pt.issue,
        summary: pt.summary,
        status: pt.status,
        since: since.edtf,
        sinceRange: since.range,
        tentative: tentative(pt.ref),
        sources: cite.sources,
        history: pt.history.map(change),
        corroboration: cite.corroboration,
      };
    });
    const revisions = p.revisions.map((r) => {
      const c = citedBy(r.change.ref);
      const d = datesOf(r.change.at);
      return {
        kind: r.change.kind,
        summary: r.change.summary,
        at: d.edtf,
        atRange: d.range,
        eventId: r.change.ref.eventId,
        sources: c.sources,
        pointCount: r.pointCount,
        contentsDisclosed: r.contentsDisclosed,
        venue: r.venue ?? null,
        corroboration: corroborationOfOne(c),
      };
    });
    const reactions = p.reactions.map((r) => {
      const c = citedBy(r.change.ref);
      const d = datesOf(r.change.at);
      return {
        party: r.party,
        position: r.position,
        quote: r.quote,
        summary: r.summary,
        at: d.edtf,
        atRange: d.range,
        tentative: tentative(r.change.ref),
        sources: c.sources,
        corroboration: corroborationOfOne(c),
      };
    });
    // The point count and disclosure are what the plan's figures rest on now; its publication only for who sponsored it.
    const cite = many([p.refs.pointCount, p.refs.contentsDisclosed, p.refs.published]);
    return {
      id: p.id,
      title: p.title,
      sponsor: p.sponsor,
      manner: p.manner,
      pointCount: p.pointCount,
      contentsDisclosed: p.contentsDisclosed,
      tentative: [p.refs.pointCount, p.refs.contentsDisclosed].some((r) => r && tentative(r)),
      points,
      revisions,
      reactions,
      sources: cite.sources,
      corroboration: cite.corroboration,
    };
  });

  const stances = Object.values(state.stances).map((s): StanceDoc => {
    const c = citedBy(s.ref);
    const issue = issues.get(s.issue);
    const answered = issue && wordingAt(issue, validTime(s.ref)).proposition;
    const proposition = issue ? issue.wordings[issue.wordings.length - 1]!.proposition : null;
    const since = datesOf(validTime(s.ref));
    return {
      party: s.party,
      issue: s.issue,
      proposition,
      statedAgainst: answered !== proposition ? (answered ?? null) : null,
      position: s.position,
      terms: s.terms,
      since: since.edtf,
      sinceRange: since.range,
      speaker: s.speaker,
      quote: s.quote ?? c.sources[0]?.quoteClean ?? null,
      basis: s.basis,
      tentative: tentative(s.ref),
      corroboration: corroborationOfOne(c),
      sources: c.sources,
      history: s.history.map((h) => {
        const d = datesOf(h.at);
        return { kind: h.kind, summary: h.summary, at: d.edtf, atRange: d.range, eventId: h.ref.eventId, sources: citedBy(h.ref).sources, speaker: h.speaker, terms: h.terms };
      }),
    };
  });

  const meetings = Object.values(state.meetings).map((m): MeetingDoc => {
    const d = datesOf(m.date);
    const cite = many(m.history.map((h) => h.ref));
    return {
      id: m.id,
      place: m.place,
      date: d.edtf,
      dateRange: d.range,
      status: m.status,
      participants: m.participants,
      durationHours: m.durationHours,
      durationApproximate: m.durationApproximate,
      documentsPresented: m.documentsPresented,
      round: m.round,
      purpose: m.purpose,
      outcome: m.outcome,
      tentative: tentative(m.ref),
      sources: cite.sources,
      corroboration: cite.corroboration,
    };
  });

  const documents = Object.values(state.documents).map((ds): DocumentSetDoc => {
    const d = datesOf(ds.date);
    const c = citedBy(ds.ref);
    return {
      id: ds.id,
      presentedBy: ds.presentedBy,
      presentedTo: ds.presentedTo,
      count: ds.count,
      meetingId: ds.meetingId,
      planId: ds.planId,
      description: ds.description,
      date: d.edtf,
      dateRange: d.range,
      tentative: tentative(ds.ref),
      sources: c.sources,
      corroboration: corroborationOfOne(c),
    };
  });

  const people = Object.values(state.people).flatMap((p) =>
    Object.values(p.offices).map((o): PersonDoc => {
      const manners = new Set(o.departures.map((d) => d.manner).filter((m) => m !== "unknown"));
      const d = datesOf(o.since);
      const cite =
        o.departures.length === 0 ? { sources: citedBy(o.ref).sources, corroboration: corroborationOfOne(citedBy(o.ref)) } : many([o.ref, ...o.departures.map((dep) => dep.ref)]);
      return {
        name: p.name,
        party: p.party,
        role: o.role,
        basis: o.basis,
        status: o.status,
        since: d.edtf,
        sinceRange: d.range,
        previousRole: o.previousRole,
        manner: o.status === "in-office" ? null : manners.size > 1 ? "disputed" : ([...manners][0] ?? "unknown"),
        tentative: tentative(o.ref),
        sources: cite.sources,
        corroboration: cite.corroboration,
      };
    }),
  );

  const statements: StatementDoc[] = [];
  for (const list of Object.values(state.statements))
    for (const s of list) {
      const d = datesOf(s.at);
      const c = citedBy(s.ref);
      statements.push({
        speaker: s.speaker,
        party: s.party,
        summary: s.summary,
        quote: s.quote,
        issues: s.issues,
        meetingId: s.meetingId,
        at: d.edtf,
        atRange: d.range,
        tentative: tentative(s.ref),
        sources: c.sources,
        corroboration: corroborationOfOne(c),
      });
    }

  const reports = state.reports.map((r): ReportDoc => {
    const d = datesOf(r.at);
    const c = citedBy(r.ref);
    return {
      summary: r.summary,
      parties: r.parties,
      issues: r.issues,
      quote: r.quote,
      at: d.edtf,
      atRange: d.range,
      tentative: tentative(r.ref),
      sources: c.sources,
      corroboration: corroborationOfOne(c),
    };
  });

  const disputes = Object.entries(state.accounts)
    .filter(([, claims]) => Object.keys(claims).length > 1)
    .map(([subject, claims]): DisputeDoc => ({
      subject,
      accounts: Object.entries(claims).map(([claim, refs]) => {
        const cite = many(refs);
        return { claim, sources: cite.sources, corroboration: cite.corroboration };
      }),
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
