import type { StoredEvent } from "../../events/envelope.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import { diffStates, type StateChange } from "../engine/diff.ts";
import { toDocument, type StateDocument } from "../engine/document.ts";
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
    const target = view.record.reading().lookup(e.type === "ReportCorrected" ? e.data.correctedEventId : e.data.retractedEventId);
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

/** The changes made by every event after log index `start`, replayed from scratch. */
function replay(log: readonly StoredEvent[], start: number): Change[] {
  const view = viewOf(log.slice(0, start));
  return log.slice(start).map((e) => step(view, e));
}

/**
 * The record as a stream of changes, for live subscribers. It keeps its own view of the
 * record in step with the engine's, so "before" is at hand when an event arrives; one
 * feed serves every subscriber. While nobody listens it only keeps the view (a bulk
 * import then costs no diffs), and a later resume recomputes what it needs.
 */
export class ChangeFeed {
  private view: View;
  /** The newest changes, in log order: always the tail of the engine's log. */
  private readonly recent: Change[] = [];
  private readonly listeners = new Set<(change: Change) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly chronicle: Chronicle, log: (line: string) => void) {
    this.view = viewOf(chronicle.events);
    this.unsubscribe = chronicle.onEvent((e) => {
      // This runs inside the engine's ingest: a failure here must not stop the engine,
      // and must not leave this view out of step with it.
      try {
        this.receive(e);
      } catch (err) {
        this.recent.length = 0;
        this.view = viewOf(chronicle.events);
        log(`live feed: could not compute the changes of event ${e.position}: ${err instanceof Error ? err.stack : String(err)}`);
      }
    });
  }

  private receive(e: StoredEvent): void {
    if (this.listeners.size === 0) {
      add(this.view, e);
      this.recent.length = 0;
      return;
    }
    const change = step(this.view, e);
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
