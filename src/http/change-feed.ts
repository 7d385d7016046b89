import type { StoredEvent } from "../../events/envelope.ts";
import type { Change } from "../engine/change.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import { Views } from "../engine/views.ts";
import { indexAfter } from "./event-page.ts";

export type { Change };

/** Changes kept for subscribers that reconnect after a short break; older ones are recomputed. */
const RECENT = 1024;

/** The changes made by every event after log index `start`, replayed on views of the log before it. */
function replay(log: readonly StoredEvent[], start: number): Change[] {
  const views = new Views();
  for (let i = 0; i < start; i++) views.add(log[i]!);
  const fail = (error: unknown) => {
    throw error;
  };
  return log.slice(start).map((e) => views.addObserved(e, fail)!);
}

/**
 * The record as a stream of changes, for live subscribers: the engine tells what each
 * event changed while anyone listens, and one feed serves every subscriber. While nobody
 * listens nothing is computed (a bulk import then costs no diffs), and a later resume
 * recomputes what it needs.
 */
export class ChangeFeed {
  /** The newest changes, in log order: always the tail of the engine's log. */
  private readonly recent: Change[] = [];
  private readonly listeners = new Set<(change: Change) => void>();
  private stopObserving: (() => void) | undefined;

  constructor(
    private readonly chronicle: Chronicle,
    private readonly log: (line: string) => void,
  ) {}

  private observe(): void {
    this.stopObserving ??= this.chronicle.onChange({
      changed: (change) => {
        this.recent.push(change);
        if (this.recent.length > RECENT) this.recent.shift();
        for (const listener of this.listeners) listener(change);
      },
      // The engine still has the event; only this cache would now miss its change.
      failed: (event, error) => {
        this.recent.length = 0;
        this.log(`live feed: could not compute the changes of event ${event.position}: ${error instanceof Error ? error.stack : String(error)}`);
      },
    });
  }

  /** With no one listening the cache would fall behind the log: it is let go. */
  private leave(listener: (change: Change) => void): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    this.stopObserving?.();
    this.stopObserving = undefined;
    this.recent.length = 0;
  }

  /**
   * The changes after `position`, and `listener` attached for the ones to come. Both happen
   * in one synchronous step, so no event falls between the backlog and the live stream.
   */
  follow(position: number, listener: (change: Change) => void): { backlog: Change[]; head: number; stop: () => void } {
    const backlog = this.changesFrom(indexAfter(this.chronicle.events, position));
    this.observe();
    this.listeners.add(listener);
    return { backlog, head: this.chronicle.head, stop: () => this.leave(listener) };
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
    this.stopObserving?.();
    this.stopObserving = undefined;
    this.listeners.clear();
  }
}
