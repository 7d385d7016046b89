import type { Chronicle } from "../engine/chronicle.ts";
import type { Effect } from "../engine/effect.ts";
import { indexAfter } from "./event-page.ts";

export type { Effect };

/** Changes kept for subscribers that reconnect after a short break; older ones are recomputed. */
const RECENT = 1024;

/**
 * The record as a stream of effects (what each event changed), for live subscribers: the engine tells what each
 * event changed while anyone listens, and one feed serves every subscriber. While nobody
 * listens nothing is computed (a bulk import then costs no diffs), and a later resume
 * recomputes what it needs.
 */
export class EffectFeed {
  /** The newest effects, in log order: always the tail of the engine's log. */
  private readonly recent: Effect[] = [];
  private readonly listeners = new Set<(effect: Effect) => void>();
  private stopObserving: (() => void) | undefined;

  constructor(
    private readonly chronicle: Chronicle,
    private readonly log: (line: string) => void,
  ) {}

  private observe(): void {
    this.stopObserving ??= this.chronicle.onEffect({
      changed: (effect) => {
        this.recent.push(effect);
        if (this.recent.length > RECENT) this.recent.shift();
        for (const listener of this.listeners) listener(effect);
      },
      // The engine still has the event; only this cache would now miss its effect.
      failed: (event, error) => {
        this.recent.length = 0;
        this.log(`live feed: could not compute the effect of event ${event.position}: ${error instanceof Error ? error.stack : String(error)}`);
      },
    });
  }

  /** With no one listening the cache would fall behind the log: it is let go. */
  private leave(listener: (effect: Effect) => void): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    this.stopObserving?.();
    this.stopObserving = undefined;
    this.recent.length = 0;
  }

  /**
   * The effects after `position`, and `listener` attached for the ones to come. Both happen
   * in one synchronous step, so no event falls between the backlog and the live stream.
   */
  follow(position: number, listener: (effect: Effect) => void): { backlog: Effect[]; head: number; stop: () => void } {
    const backlog = this.effectsFrom(indexAfter(this.chronicle.events, position));
    this.observe();
    this.listeners.add(listener);
    return { backlog, head: this.chronicle.head, stop: () => this.leave(listener) };
  }

  /**
   * The effects of the log from index `start`. Those older than the cache are recomputed and
   * then kept, so a storm of dashboards reconnecting from the same moment costs one replay.
   */
  private effectsFrom(start: number): Effect[] {
    const cachedFrom = this.chronicle.events.length - this.recent.length;
    if (start >= cachedFrom) return this.recent.slice(start - cachedFrom);
    const effects = [...this.chronicle.effectsBetween(start, cachedFrom), ...this.recent];
    this.recent.splice(0, this.recent.length, ...effects.slice(-RECENT));
    return effects;
  }

  close(): void {
    this.stopObserving?.();
    this.stopObserving = undefined;
    this.listeners.clear();
  }
}
