import type { StoredEvent } from "../../events/envelope.ts";
import type { EventStore } from "../store/port.ts";
import type { Effect } from "./effect.ts";
import { Follower } from "./follower.ts";
import { Views } from "./views.ts";

/** Hears, for each event ingested while it listens, what the event changed, or why that could not be told. */
export interface EffectObserver {
  changed(effect: Effect): void;
  failed(event: StoredEvent, error: unknown): void;
}

export interface IngestOptions {
  /** Follow live appends after the first read (default true); a one-shot CLI command does not. */
  follow?: boolean;
  onProgress?: (done: number) => void;
  log?: (line: string) => void;
}

/**
 * The engine's intake from its store: reads the whole store into the views, then follows it
 * (restarting a failed subscription), tells listeners and observers of each event, and lets
 * a writer wait until its own events are in.
 */
export class Ingestion {
  readonly views = new Views();
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private readonly observers = new Set<EffectObserver>();
  private readonly stop = new AbortController();
  private following: Promise<void> | undefined;
  private follower: Follower | undefined;

  private constructor(private readonly store: EventStore) {}

  /** Reads and folds every negotiation, so the first query finds its snapshots ready; then follows, unless told not to. */
  static async load(store: EventStore, options: IngestOptions = {}): Promise<Ingestion> {
    const ingestion = new Ingestion(store);
    for await (const batch of store.readAll()) {
      ingestion.views.index(batch);
      options.onProgress?.(ingestion.views.log.length);
    }
    ingestion.views.fill();
    if (options.follow !== false) {
      ingestion.follower = new Follower((heard) => ingestion.follow(heard), { signal: ingestion.stop.signal, log: options.log ?? console.error });
      ingestion.following = ingestion.follower.start();
    }
    return ingestion;
  }

  get head(): number {
    return this.views.head;
  }

  /** What keeps the engine from following the store right now (see Follower); empty when all is well. */
  get problems(): string[] {
    return this.follower?.problems ?? [];
  }

  private async follow(heard: () => void): Promise<void> {
    for await (const message of this.store.subscribe({ after: this.head, signal: this.stop.signal })) {
      heard();
      if (message.kind === "event" && message.event.position > this.head) this.ingest(message.event);
    }
  }

  private ingest(event: StoredEvent): void {
    if (this.observers.size === 0) this.views.add(event);
    else this.observe(event);
    for (const listener of this.listeners) listener(event);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.position <= this.head) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private observe(event: StoredEvent): void {
    const effect = this.views.addObserved(event, (error) => this.observers.forEach((o) => o.failed(event, error)));
    if (effect) for (const o of this.observers) o.changed(effect);
  }

  /** Tells `observer` the effect of each event ingested from now on; returns the unsubscribe. Nothing is computed while no one observes. */
  onEffect(observer: EffectObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Calls `listener` with each event ingested from now on; returns the unsubscribe. */
  onEvent(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once the engine holds `position`. While the live follower is down (it retries
   * with backoff), a writer reads its own events from the store rather than wait for the
   * follower: an acknowledged write never hangs on a broken subscription.
   */
  caughtUpTo(position: number): Promise<void> {
    if (position <= this.head) return Promise.resolve();
    if (!this.following || this.problems.length > 0) {
      return (async () => {
        for await (const batch of this.store.readAll({ after: this.head })) for (const e of batch) if (e.position > this.head) this.ingest(e);
      })();
    }
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.following;
  }
}
