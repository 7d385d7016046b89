import type { StoredEvent } from "../../events/envelope.ts";
import type { AppendResult, EventStore } from "../store/port.ts";
import { Basis } from "./basis.ts";
import type { Effect } from "./effect.ts";
import { Ingestion, type EffectObserver, type IngestOptions } from "./ingest.ts";
import { previewOf, type Preview } from "./preview.ts";
import { BasisQuery, parseQuery } from "./query.ts";
import { prepareWrite, type RecordOptions } from "./record.ts";
import { replayEffects } from "./replay.ts";
import type { NegotiationSummary } from "./views.ts";

/**
 * The engine: follows a store (`Ingestion`), records writes (`prepareWrite`: parse, check
 * corrections, decide), and opens a `Basis` for questions: "what was the state at X (as
 * known at Y)", "what changed between X and Y", for one negotiation or the whole record.
 */
export class Chronicle {
  private constructor(
    readonly store: EventStore,
    private readonly ingestion: Ingestion,
    /** Where a write that names no negotiation goes (PARLEY_NEGOTIATION); without one, such a write is refused. */
    readonly defaultNegotiation: string | undefined,
  ) {}

  /**
   * Reads the whole store and folds every negotiation, so the first query finds its
   * snapshots ready; then (unless `follow` is false) follows live appends.
   */
  static async open(store: EventStore, options: IngestOptions & { defaultNegotiation?: string } = {}): Promise<Chronicle> {
    return new Chronicle(store, await Ingestion.load(store, options), options.defaultNegotiation);
  }

  /**
   * Opens a basis, the way XTDB does: one negotiation (or the whole record when none is
   * named), as the record reads now or as it stood at `knownAt`. Every question is asked of it.
   */
  asOf(basis: BasisQuery = {}): Basis {
    const { knownAt, negotiation } = parseQuery(BasisQuery, basis);
    return new Basis(this.ingestion.views.view(negotiation), knownAt ?? null);
  }

  get head(): number {
    return this.ingestion.head;
  }

  get events(): readonly StoredEvent[] {
    return this.ingestion.views.log;
  }

  /** The negotiations the record holds, by name; events written without one are in "default". */
  negotiations(): string[] {
    return this.ingestion.views.names();
  }

  /** The negotiations by name, each with its vocabulary, how many events and developments it holds, and the valid time they span. */
  negotiationSummaries(): NegotiationSummary[] {
    return this.ingestion.views.summaries();
  }

  /** One negotiation's summary; undefined when the record holds no such negotiation. */
  negotiationSummary(name: string): NegotiationSummary | undefined {
    return this.ingestion.views.summary(name);
  }

  /** What keeps the engine from following the store right now; empty when all is well. */
  get problems(): string[] {
    return this.ingestion.problems;
  }

  /** Tells `observer` the effect of each event ingested from now on; returns the unsubscribe. */
  onEffect(observer: EffectObserver): () => void {
    return this.ingestion.onEffect(observer);
  }

  /** Calls `listener` with each event ingested from now on; returns the unsubscribe. */
  onEvent(listener: (event: StoredEvent) => void): () => void {
    return this.ingestion.onEvent(listener);
  }

  /** The effects of the events at log indexes [start, end), recomputed on the record before `start`: a live feed's backlog. */
  effectsBetween(start: number, end: number): Effect[] {
    return replayEffects(this.events, start, end);
  }

  /**
   * Validates and appends events; nothing is written unless every event is valid.
   * Resolves once the engine has ingested them, so the next query sees them.
   */
  async record(inputs: unknown[], options: RecordOptions = {}): Promise<AppendResult[]> {
    const results = await this.store.appendMany(await prepareWrite(inputs, options, this.context()));
    await this.ingestion.caughtUpTo(Math.max(...results.map((r) => r.position)));
    return results;
  }

  /**
   * What recording `inputs` would change, and what an analyst should look at first, without
   * writing: the same preparation as `record`, so a batch it accepts `record` accepts.
   */
  async preview(inputs: unknown[], options: RecordOptions = {}): Promise<Preview> {
    const fallback = this.defaultNegotiation;
    const batches = await prepareWrite(inputs, options, this.context());
    return previewOf(this, batches, (store) => Chronicle.open(store, { follow: false, ...(fallback ? { defaultNegotiation: fallback } : {}) }));
  }

  private context() {
    return { views: this.ingestion.views, store: this.store, defaultNegotiation: this.defaultNegotiation };
  }

  async close(): Promise<void> {
    await this.ingestion.close();
  }
}
