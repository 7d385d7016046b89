import type { StoredEvent } from "../../events/envelope.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import { diffStates, type StateChange } from "../engine/diff.ts";
import { toDocument, type StateDocument } from "../engine/document.ts";
import { targetOf } from "../engine/corrections.ts";
import { negotiationOf } from "../engine/negotiation.ts";
import { RecordView } from "../engine/record-view.ts";
import { indexAfter } from "./event-page.ts";

/** One appended event and what it changed in the projections at the moment its effect is complete. */
export interface Change {
  event: StoredEvent;
  /** The valid time the diff was taken at. */
  at: string;
  changes: StateChange[];
}

/** Changes kept for subscribers that reconnect after a short break; older ones are recomputed. */
const RECENT = 1024;

/** A view of the record of its own, with the id index its corrections resolve against. */
interface View {
  record: RecordView;
  byId: Map<string, StoredEvent>;
}

function viewOf(events: readonly StoredEvent[]): View {
  const byId = new Map(events.map((e) => [e.id, e]));
  const record = new RecordView((id) => byId.get(id));
  record.load(events);
  return { record, byId };
}

function add(view: View, e: StoredEvent): void {
  view.byId.set(e.id, e);
  view.record.add(e);
}

function stateIn(view: View, at: string): StateDocument {
  const reading = view.record.reading();
  const checkpoint = reading.stateAt(Date.parse(at));
  return toDocument(checkpoint.state, { at, knownAt: null, position: checkpoint.position, lookup: reading.lookup });
}

/**
 * Where to look for an event's effect: the end of its valid time, when it is no longer
 * tentative. A correction acts on another event, so the later of that event's old and new end counts too.
 */
function momentOf(e: StoredEvent, view: View): string {
  const ends = [e.occurredAt.to];
  if (e.type === "ReportCorrected" || e.type === "ReportRetracted") {
    const target = view.record.reading().lookup(targetOf(e));
    if (target) ends.push(target.occurredAt.to);
    if (e.type === "ReportCorrected" && e.data.occurredAt) ends.push(e.data.occurredAt.to);
  }
  return ends.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}

/** Adds one event to `view` and reports what it changed. */
function step(view: View, e: StoredEvent): Change {
  const at = momentOf(e, view);
  const before = stateIn(view, at);
  add(view, e);
  return { event: e, at, changes: diffStates(before, stateIn(view, at)) };
}

/**
 * One view per negotiation, built on first use from the log so far: an event can only
 * change its own negotiation, so diffing that one keeps an append's cost independent of
 * how many others the store holds. A correction belongs with the event it corrects.
 */
class NegotiationViews {
  private readonly views = new Map<string, View>();
  private readonly home = new Map<string, string>();

  constructor(private readonly log: () => readonly StoredEvent[]) {}

  private negotiationOf(e: StoredEvent): string {
    const target = targetOf(e);
    return (target && this.home.get(target)) || negotiationOf(e.stream);
  }

  private viewFor(negotiation: string): View {
    let view = this.views.get(negotiation);
    if (!view) {
      view = viewOf([]);
      for (const e of this.log()) if (this.home.get(e.id) === negotiation) add(view, e);
      this.views.set(negotiation, view);
    }
    return view;
  }

  /** Files `e` under its negotiation; returns that negotiation's view as it was before `e`. */
  place(e: StoredEvent): View {
    const negotiation = this.negotiationOf(e);
    const view = this.viewFor(negotiation);
    this.home.set(e.id, negotiation);
    return view;
  }

  add(e: StoredEvent): void {
    const negotiation = this.negotiationOf(e);
    this.home.set(e.id, negotiation);
    const view = this.views.get(negotiation);
    if (view) add(view, e);
  }

  step(e: StoredEvent): Change {
    return step(this.place(e), e);
  }
}

/** Views over a log that may grow; the events already in it are filed now. */
function viewsOf(log: () => readonly StoredEvent[]): NegotiationViews {
  const views = new NegotiationViews(log);
  for (const e of log()) views.add(e);
  return views;
}

/** The changes made by every event after log index `start`, replayed from scratch. */
function replay(log: readonly StoredEvent[], start: number): Change[] {
  const prefix = log.slice(0, start);
  const views = viewsOf(() => prefix);
  return log.slice(start).map((e) => {
    const change = views.step(e);
    prefix.push(e);
    return change;
  });
}

/**
 * The record as a stream of changes, for live subscribers. It keeps its own view of the
 * record in step with the engine's, so "before" is at hand when an event arrives; one
 * feed serves every subscriber. While nobody listens it only keeps the view (a bulk
 * import then costs no diffs), and a later resume recomputes what it needs.
 */
export class ChangeFeed {
  private views: NegotiationViews;
  /** The newest changes, in log order: always the tail of the engine's log. */
  private readonly recent: Change[] = [];
  private readonly listeners = new Set<(change: Change) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly chronicle: Chronicle, log: (line: string) => void) {
    this.views = viewsOf(() => chronicle.events);
    this.unsubscribe = chronicle.onEvent((e) => {
      // This runs inside the engine's ingest: a failure here must not stop the engine,
      // and must not leave this view out of step with it.
      try {
        this.receive(e);
      } catch (err) {
        this.recent.length = 0;
        this.views = viewsOf(() => chronicle.events);
        log(`live feed: could not compute the changes of event ${e.position}: ${err instanceof Error ? err.stack : String(err)}`);
      }
    });
  }

  private receive(e: StoredEvent): void {
    if (this.listeners.size === 0) {
      this.views.add(e);
      this.recent.length = 0;
      return;
    }
    const change = this.views.step(e);
    this.recent.push(change);
    if (this.recent.length > RECENT) this.recent.shift();
    for (const listener of this.listeners) listener(change);
  }

  /**
   * The changes after `position`, and `listener` attached for the ones to come. Both happen
   * in one synchronous step, so no event falls between the backlog and the live stream.
   */
  follow(position: number, listener: (change: Change) => void): { backlog: Change[]; head: number; stop: () => void } {
    const backlog = this.changesFrom(indexAfter(this.chronicle.events, position));
    this.listeners.add(listener);
    return { backlog, head: this.chronicle.head, stop: () => this.listeners.delete(listener) };
  }

  /**
   * The changes of the log from index `start`. Those older than the cache are recomputed and
   * then kept, so a storm of dashboards reconnecting from the same moment costs one replay.
   */
  private changesFrom(start: number): Change[] {
    const log = this.chronicle.events;
    const cachedFrom = log.length - this.recent.length;
    if (start >= cachedFrom) return this.recent.slice(start - cachedFrom);
    const changes = [...replay(log.slice(0, cachedFrom), start), ...this.recent];
    this.recent.splice(0, this.recent.length, ...changes.slice(-RECENT));
    return changes;
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
