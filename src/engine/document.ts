import type { StoredEvent } from "../../events/envelope.ts";
import type { Source } from "../../events/source.ts";
import { dateRange, edtfOf, type DateRange, type ValidTime } from "../../events/valid-time.ts";
import type { ParleyState } from "../../projections/index.ts";
import type { Manner } from "../../projections/people.ts";
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
  // Most facts rest on one source: no need to build its key to count it.
  if (sources.length < 2) return sources.length;
  return new Set(sources.map((s) => s.seed ?? s.url ?? `${s.outlet ?? ""}|${s.title ?? s.quote}`)).size;
}

/** ISO instants of one format sort as text, and a plain comparison is a hundred times cheaper than a locale's. */
const earlier = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTime = (a: { atRange?: DateRange; sinceRange?: DateRange; dateRange?: DateRange }, b: typeof a) =>
  earlier((a.atRange ?? a.sinceRange ?? a.dateRange)!.from ?? "", (b.atRange ?? b.sinceRange ?? b.dateRange)!.from ?? "");
/** The order stances always had (the default locale's), from one collator rather than one per comparison. */
const collation = new Intl.Collator();

/** An instant as `toISOString` writes it; two of these compare as text in time order, with no parsing. */
const isIsoInstant = (s: string) => s.length === 24 && s[4] === "-" && s[7] === "-" && s[10] === "T" && s[13] === ":" && s[16] === ":" && s[19] === "." && s[23] === "Z";

/** A valid time as the document writes it: EDTF, and the interval beside it. */
interface Dates {
  edtf: string;
  range: DateRange;
}

/** One cited event as a render sees it: looked up once, its sources, their corroboration and its valid time worked out once. */
interface Cited {
  event: StoredEvent | undefined;
  sources: SourceRef[];
  corroboration: number;
  edtf: string | undefined;
  range: DateRange | undefined;
}

/**
 * What one render has resolved so far. A document cites the same events and dates many
 * times over (a point's history, a stance's), and looking an event up in the store-wide
 * index costs more than building the fact, so each event is looked up, and each valid time
 * written out, once per render. Nothing is kept between renders: a cache that outlived
 * the answer would survive into the old generation and slow every collection after it.
 */
class Citations {
  private readonly cited = new Map<string, Cited>();
  /** Valid times that are not their citing event's own (a meeting's scheduled date): few. */
  private readonly dated = new Map<ValidTime, Dates>();

  constructor(private readonly lookup: (id: string) => StoredEvent | undefined) {}

  of(ref: Ref): Cited {
    const eventId = ref.eventId;
    let c = this.cited.get(eventId);
    if (c) return c;
    const e = this.lookup(eventId);
    const sources = e ? e.sources.map((s) => ({ ...s, eventId })) : [];
    // Every field from the start, so filling the dates in later does not grow the object.
    c = { event: e, sources, corroboration: corroborationOf(sources), edtf: undefined, range: undefined };
    this.cited.set(eventId, c);
    return c;
  }

  /** The sources of several refs, each event once, and how many independent ones they are. */
  ofAll<T>(items: readonly T[], refOf: (item: T) => Ref | undefined): Pick<Cited, "sources" | "corroboration"> {
    let first: Ref | undefined;
    let alike = true;
    for (const item of items) {
      const r = refOf(item);
      if (!r) continue;
      first ??= r;
      if (r.eventId !== first.eventId) alike = false;
    }
    if (!first) return { sources: [], corroboration: 0 };
    if (alike) return this.of(first);
    const seen = new Set<string>();
    const sources: SourceRef[] = [];
    for (const item of items) {
      const r = refOf(item);
      if (!r || seen.has(r.eventId)) continue;
      seen.add(r.eventId);
      for (const s of this.of(r).sources) sources.push(s);
    }
    return { sources, corroboration: corroborationOf(sources) };
  }

  /** `vt` written out; `c` is the event it is most likely the valid time of. */
  dates(vt: ValidTime, c: Cited): Dates {
    if (c.event?.occurredAt === vt) {
      c.edtf ??= edtfOf(vt);
      c.range ??= dateRange(vt);
      return c as Dates;
    }
    let d = this.dated.get(vt);
    if (!d) this.dated.set(vt, (d = { edtf: edtfOf(vt), range: dateRange(vt) }));
    return d;
  }

  /** The valid time of the event `ref` names (`c`), written out: when a fact took its current value. */
  since(ref: Ref, c: Cited): Dates {
    return this.dates(c.event ? c.event.occurredAt : { precision: "instant", from: ref.until, to: ref.until }, c);
  }
}

/** The section of the document each part of the state renders into. */
export const renderedInto = {
  plans: "plans",
  stances: "stances",
  meetings: "meetings",
  documents: "documents",
  people: "people",
  statements: "statements",
  reports: "reports",
  accounts: "disputes",
} as const satisfies { [P in keyof ParleyState]: keyof StateDocument };
export type Section = (typeof renderedInto)[keyof ParleyState];

/** What a render needs besides the state: the moment, provenance, and the negotiations' vocabularies. */
type RenderView = { at: string; knownAt: string | null; position: number; lookup: (id: string) => StoredEvent | undefined; vocabularies: Vocabulary[] };

/** Renders projection state at one moment into the document, resolving provenance. */
export function toDocument(state: ParleyState, view: RenderView): StateDocument {
  return render(state, view, undefined);
}

/**
 * The document, or only its `sections` (the others left empty): each part of the state
 * renders into a section of its own (`renderedInto`), so a caller that knows which parts
 * can differ, and which sections it reads, renders just those.
 */
function render(state: ParleyState, view: RenderView, sections: ReadonlySet<Section> | undefined): StateDocument {
  const shown = (part: keyof ParleyState) => sections === undefined || sections.has(renderedInto[part]);
  const atMs = Date.parse(view.at);
  const atIso = isIsoInstant(view.at) ? view.at : undefined;
  let anyTentative = false;
  const tentative = (ref: Ref) => {
    const t = atIso !== undefined && isIsoInstant(ref.until) ? ref.until > atIso : Date.parse(ref.until) > atMs;
    anyTentative ||= t;
    return t;
  };
  const cite = new Citations(view.lookup);
  const refOf = (item: { ref: Ref }) => item.ref;
  const change = (c: Change): ChangeDoc => {
    const cited = cite.of(c.ref);
    const d = cite.dates(c.at, cited);
    return { kind: c.kind, summary: c.summary, at: d.edtf, atRange: d.range, eventId: c.ref.eventId, sources: cited.sources };
  };
  const vocabulary = vocabularyDoc(view.vocabularies, state);
  const issues = new Map(view.vocabularies.flatMap((v) => Object.values(v.issues).map((i) => [i.id, i] as const)));

  const plans = (shown("plans") ? Object.values(state.plans) : []).map((p): PlanDoc => {
    const points = Object.values(p.points).map((pt) => {
      const since = cite.since(pt.ref, cite.of(pt.ref));
      const cited = cite.ofAll(pt.history, refOf);
      return {
        id: pt.id,
        number: pt.number,
        issue: pt.issue,
        summary: pt.summary,
        status: pt.status,
        since: since.edtf,
        sinceRange: since.range,
        tentative: tentative(pt.ref),
        sources: cited.sources,
        history: pt.history.map(change),
        corroboration: cited.corroboration,
      };
    });
    const revisions = p.revisions.map((r) => {
      const c = cite.of(r.change.ref);
      const d = cite.dates(r.change.at, c);
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
        corroboration: c.corroboration,
      };
    });
    const reactions = p.reactions.map((r) => {
      const c = cite.of(r.change.ref);
      const d = cite.dates(r.change.at, c);
      return {
        party: r.party,
        position: r.position,
        quote: r.quote,
        summary: r.summary,
        at: d.edtf,
        atRange: d.range,
        tentative: tentative(r.change.ref),
        sources: c.sources,
        corroboration: c.corroboration,
      };
    });
    // The point count and disclosure are what the plan's figures rest on now; its publication only for who sponsored it.
    const cited = cite.ofAll([p.refs.pointCount, p.refs.contentsDisclosed, p.refs.published], (r) => r);
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
      sources: cited.sources,
      corroboration: cited.corroboration,
    };
  });

  const order: string[] = [];
  const stances = (shown("stances") ? Object.values(state.stances) : []).map((s): StanceDoc => {
    const c = cite.of(s.ref);
    const issue = issues.get(s.issue);
    const validTime = c.event?.occurredAt ?? { precision: "instant", from: s.ref.until, to: s.ref.until };
    const answered = issue && wordingAt(issue, validTime).proposition;
    const proposition = issue ? issue.wordings[issue.wordings.length - 1]!.proposition : null;
    const since = cite.since(s.ref, c);
    order.push(`${s.party}/${s.issue}`);
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
      corroboration: c.corroboration,
      sources: c.sources,
      history: s.history.map((h) => {
        const cited = cite.of(h.ref);
        const d = cite.dates(h.at, cited);
        return { kind: h.kind, summary: h.summary, at: d.edtf, atRange: d.range, eventId: h.ref.eventId, sources: cited.sources, speaker: h.speaker, terms: h.terms };
      }),
    };
  });

  const meetings = (shown("meetings") ? Object.values(state.meetings) : []).map((m): MeetingDoc => {
    const d = cite.dates(m.date, cite.of(m.ref));
    const cited = cite.ofAll(m.history, refOf);
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
      sources: cited.sources,
      corroboration: cited.corroboration,
    };
  });

  const documents = (shown("documents") ? Object.values(state.documents) : []).map((ds): DocumentSetDoc => {
    const c = cite.of(ds.ref);
    const d = cite.dates(ds.date, c);
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
      corroboration: c.corroboration,
    };
  });

  const people = (shown("people") ? Object.values(state.people) : []).flatMap((p) =>
    Object.values(p.offices).map((o): PersonDoc => {
      const d = cite.dates(o.since, cite.of(o.ref));
      const cited = o.departures.length === 0 ? cite.of(o.ref) : cite.ofAll([o, ...o.departures], refOf);
      return {
        name: p.name,
        party: p.party,
        role: o.role,
        basis: o.basis,
        status: o.status,
        since: d.edtf,
        sinceRange: d.range,
        previousRole: o.previousRole,
        manner: o.status === "in-office" ? null : mannerOf(o.departures),
        tentative: tentative(o.ref),
        sources: cited.sources,
        corroboration: cited.corroboration,
      };
    }),
  );

  const statements: StatementDoc[] = [];
  for (const list of shown("statements") ? Object.values(state.statements) : [])
    for (const s of list) {
      const c = cite.of(s.ref);
      const d = cite.dates(s.at, c);
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
        corroboration: c.corroboration,
      });
    }

  const reports = (shown("reports") ? state.reports : []).map((r): ReportDoc => {
    const c = cite.of(r.ref);
    const d = cite.dates(r.at, c);
    return {
      summary: r.summary,
      parties: r.parties,
      issues: r.issues,
      quote: r.quote,
      at: d.edtf,
      atRange: d.range,
      tentative: tentative(r.ref),
      sources: c.sources,
      corroboration: c.corroboration,
    };
  });

  const disputes = (shown("accounts") ? Object.entries(state.accounts) : [])
    .filter(([, claims]) => Object.keys(claims).length > 1)
    .map(([subject, claims]): DisputeDoc => ({
      subject,
      accounts: Object.entries(claims).map(([claim, refs]) => {
        const cited = cite.ofAll(refs, (r) => r);
        return { claim, sources: cited.sources, corroboration: cited.corroboration };
      }),
    }));

  return {
    at: view.at,
    knownAt: view.knownAt,
    position: view.position,
    tentative: anyTentative,
    vocabulary,
    plans,
    stances: sortedBy(stances, order),
    meetings: meetings.sort(byTime),
    documents: documents.sort(byTime),
    people,
    statements: statements.sort(byTime),
    reports: reports.sort(byTime),
    disputes,
  };
}

/** How someone left an office, as the reports of it say: "disputed" when they disagree, "unknown" when none says. */
function mannerOf(departures: readonly { manner: Manner }[]): Manner | "disputed" {
  let found: Manner | undefined;
  for (const d of departures) {
    if (d.manner === "unknown") continue;
    if (found !== undefined && d.manner !== found) return "disputed";
    found = d.manner;
  }
  return found ?? "unknown";
}

/** `items` in the collation order of `keys` (one key per item), each key built once rather than once per comparison. */
function sortedBy<T>(items: T[], keys: string[]): T[] {
  const index = items.map((_, i) => i).sort((a, b) => collation.compare(keys[a]!, keys[b]!));
  return index.map((i) => items[i]!);
}

/** What a reading of one view shows at valid time `at`: its snapshot there, rendered (only `sections` of it, when given). */
export function documentAt(reading: Pick<Reading, "snapshotAt" | "lookup" | "vocabularies">, at: string, knownAt: string | null, sections?: ReadonlySet<Section>): StateDocument {
  const snapshot = reading.snapshotAt(Date.parse(at));
  return render(snapshot.state, { at, knownAt, position: snapshot.position, lookup: reading.lookup, vocabularies: reading.vocabularies() }, sections);
}
