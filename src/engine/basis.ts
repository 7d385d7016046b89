import { definitionOf } from "../../events/catalogue.ts";
import type { StoredEvent } from "../../events/envelope.ts";
import { dateRange, edtfOf, type DateRange } from "../../events/valid-time.ts";
import { diffStates, type StateChange } from "./diff.ts";
import { documentAt, type PointDoc, type SourceRef, type StateDocument } from "./document.ts";
import { keyBefore } from "./finality.ts";
import { KnownAtReading } from "./known-at.ts";
import { AtQuery, DiffRange, HistoryRange, InvalidQueryError, NotFoundError, parseQuery } from "./query.ts";
import type { Reading } from "./reading.ts";
import type { RecordView } from "./record-view.ts";
import { validFrom } from "./timeline.ts";

/** One line of a timeline: a development (or a correction), when it happened, and who says so. */
export interface TimelineEntry {
  eventId: string;
  position: number;
  type: string;
  stream: string;
  /** EDTF, with its interval beside it. */
  occurredAt: string;
  occurredAtRange: DateRange;
  reportedAt: string | null;
  recordedAt: string;
  summary: string;
  sources: SourceRef[];
  correctedBy: string | null;
}

export interface DiffReport {
  from: string;
  to: string;
  knownAt: string | null;
  changes: StateChange[];
  /** Developments whose valid time starts in (from, to], in valid-time order. */
  events: TimelineEntry[];
}

/** Everything behind one thing at one moment: its state, and the developments that made it so. */
export type Timeline<T> = { at: string; knownAt: string | null } & T & { events: TimelineEntry[] };

/**
 * One basis of the record, opened once and asked many questions: a negotiation (or the
 * whole record) as it reads now, or as it stood at `knownAt`. Every reader (CLI, HTTP, the
 * live feed, the dry run) asks its questions here, in one vocabulary: `state`, `history`,
 * `diff`, and the timelines of a `point`, a `meeting` or a `party`.
 */
export class Basis {
  private readonly reading: Reading;

  constructor(
    view: RecordView,
    readonly knownAt: string | null,
  ) {
    this.reading = knownAt === null ? view.live : new KnownAtReading(view, knownAt);
  }

  /** The state of every projection at valid time `at` (now when not given). */
  state(at?: string): StateDocument {
    const moment = parseQuery(AtQuery, { at }).at ?? new Date().toISOString();
    return documentAt(this.reading, moment, this.knownAt);
  }

  /** Developments in valid-time order (corrections applied) whose valid time overlaps [from, to], a page at a time when asked. */
  history(range: HistoryRange = {}): TimelineEntry[] {
    const { from, to, after, limit } = parseQuery(HistoryRange, range);
    const last = after === undefined ? undefined : this.reading.lookup(after);
    if (after !== undefined && !last)
      throw new InvalidQueryError([{ path: "after", message: `no development '${after}' in this basis to page after; pass the eventId of the last entry you saw` }]);
    const fromMs = from ? Date.parse(from.from) : -Infinity;
    const events = this.reading.between(last ? validFrom(last) - 1 : -Infinity, to ? Date.parse(to.to) : Infinity);
    const kept = events.filter((e) => Date.parse(e.occurredAt.to) >= fromMs && (!last || keyBefore(validFrom(last), last.position, validFrom(e), e.position)));
    return (limit === undefined ? kept : kept.slice(0, limit)).map((e) => this.entry(e));
  }

  /** What changed between valid times `from` and `to`, and the developments in between. */
  diff(from: string, to: string): DiffReport {
    const { from: fromAt, to: toAt } = parseQuery(DiffRange, { from, to });
    const events = this.reading.between(Date.parse(fromAt), Date.parse(toAt)).map((e) => this.entry(e));
    return { from: fromAt, to: toAt, knownAt: this.knownAt, changes: diffStates(this.state(fromAt), this.state(toAt)), events };
  }

  /** One plan point at `at`, and the developments behind it. */
  point(id: string, at?: string): Timeline<{ planId: string; point: PointDoc }> {
    const doc = this.state(at);
    for (const plan of doc.plans) {
      const point = plan.points.find((p) => p.id === id);
      if (point)
        return this.behind(
          doc,
          { planId: plan.id, point },
          point.history.flatMap((h) => h.sources),
        );
    }
    throw new NotFoundError(
      "plan point",
      id,
      doc.plans.flatMap((p) => p.points.map((pt) => pt.id)),
    );
  }

  /** One meeting at `at`, with its documents and statements, and the developments behind them. */
  meeting(id: string, at?: string) {
    const doc = this.state(at);
    const meeting = doc.meetings.find((m) => m.id === id);
    if (!meeting)
      throw new NotFoundError(
        "meeting",
        id,
        doc.meetings.map((m) => m.id),
      );
    const state = { meeting, documents: doc.documents.filter((d) => d.meetingId === id), statements: doc.statements.filter((s) => s.meetingId === id) };
    return this.behind(
      doc,
      state,
      [meeting, ...state.documents, ...state.statements].flatMap((x) => x.sources),
    );
  }

  /** One party at `at`: its stances, statements, people and meetings, and the developments behind them. */
  party(id: string, at?: string) {
    const doc = this.state(at);
    const party = doc.vocabulary.parties.find((p) => p.id === id)?.id;
    if (party === undefined)
      throw new NotFoundError(
        "party",
        id,
        doc.vocabulary.parties.map((p) => p.id),
      );
    const state = {
      party,
      stances: doc.stances.filter((s) => s.party === party),
      statements: doc.statements.filter((s) => s.party === party),
      people: doc.people.filter((p) => p.party === party),
      meetings: doc.meetings.filter((m) => m.participants.some((p) => p.party === party)),
    };
    const sources = [...state.stances.flatMap((s) => s.history), ...state.statements, ...state.people, ...state.meetings].flatMap((x) => x.sources);
    return this.behind(doc, state, sources);
  }

  /** The developments up to the document's moment that the given sources cite. */
  private behind<T extends object>(doc: StateDocument, state: T, sources: SourceRef[]): Timeline<T> {
    const ids = new Set(sources.map((s) => s.eventId));
    const events = this.reading.between(-Infinity, Date.parse(doc.at)).filter((e) => ids.has(e.id));
    return { at: doc.at, knownAt: doc.knownAt, ...state, events: events.map((e) => this.entry(e)) };
  }

  private entry(e: StoredEvent): TimelineEntry {
    const correction = this.reading.correctionOf(e.id);
    return {
      eventId: e.id,
      position: e.position,
      type: e.type,
      stream: e.stream,
      occurredAt: edtfOf(e.occurredAt),
      occurredAtRange: dateRange(e.occurredAt),
      reportedAt: e.reportedAt,
      recordedAt: e.recordedAt,
      summary: definitionOf(e.type)!.describe(e.data),
      sources: e.sources.map((s) => ({ ...s, eventId: e.id })),
      correctedBy: correction?.id ?? null,
    };
  }
}
