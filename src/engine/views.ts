import type { StoredEvent } from "../../events/envelope.ts";
import { dateRange, edtfOf } from "../../events/valid-time.ts";
import { declaredIn, type IssueDoc, type PartyDoc } from "./document.ts";
import { effectOf, noEffect, type Effect } from "./effect.ts";
import { isCorrection, targetOf } from "./corrections.ts";
import { negotiationOf } from "./negotiation.ts";
import { RecordView } from "./record-view.ts";
import { freezeEvent } from "./snapshot.ts";

/** A negotiation at a glance: what it declares, how many events it holds, and the valid time its developments span. */
export interface NegotiationSummary {
  name: string;
  title: string | null;
  summary: string | null;
  /** False for a negotiation stored before vocabularies, which never declared its parties and issues. */
  opened: boolean;
  parties: PartyDoc[];
  issues: IssueDoc[];
  events: number;
  developments: number;
  /** EDTF of the span, with its bounds beside it. */
  span: string | null;
  from: string | null;
  to: string | null;
}

/**
 * Every view the engine keeps of the record: one per negotiation, each with its own
 * timeline and checkpoints so a question about one negotiation never touches the others,
 * and the whole record, built the first time it is asked for while the store holds more
 * than one negotiation. A correction belongs to the negotiation of the event it corrects.
 */
export class Views {
  readonly log: StoredEvent[] = [];
  private readonly byId = new Map<string, StoredEvent>();
  private readonly negotiations = new Map<string, RecordView>();
  /** Events each negotiation holds, declarations and corrections included. */
  private readonly counts = new Map<string, number>();
  private whole: RecordView | undefined;
  /** Corrections that arrived before the event they correct (another stream of the same batch). */
  private readonly waiting = new Map<string, StoredEvent[]>();

  readonly find = (id: string): StoredEvent | undefined => this.byId.get(id);

  get head(): number {
    return this.log[this.log.length - 1]?.position ?? 0;
  }

  names(): string[] {
    return [...this.negotiations.keys()];
  }

  /** Each negotiation by name: how many developments it shows now (corrections applied), and the valid time they span. */
  summaries(): NegotiationSummary[] {
    return [...this.negotiations.keys()].sort().map((name) => this.summary(name)!);
  }

  summary(name: string): NegotiationSummary | undefined {
    const view = this.negotiations.get(name);
    if (!view) return undefined;
    const vocabulary = view.vocabularies().find((v) => v.negotiationId === name);
    const { parties, issues } = declaredIn(vocabulary ? [vocabulary] : []);
    const { from, to } = view.timeline.span();
    const span = from && to ? ({ precision: "interval", from, to } as const) : undefined;
    return {
      name,
      title: vocabulary?.title ?? null,
      summary: vocabulary?.summary ?? null,
      opened: vocabulary !== undefined,
      parties: [...parties.values()],
      issues: [...issues.values()],
      events: this.counts.get(name) ?? 0,
      developments: view.timeline.size,
      span: span ? edtfOf(span) : null,
      from: span ? dateRange(span).from : null,
      to: span ? dateRange(span).to : null,
    };
  }

  /** Indexes events read from the store, in position order; `fill` then builds the views at once. */
  index(events: readonly StoredEvent[]): void {
    for (const e of events) {
      freezeEvent(e);
      this.log.push(e);
      this.byId.set(e.id, e);
    }
  }

  /** Builds every negotiation's view from the indexed events with one sort each, and folds them. */
  fill(): void {
    const groups = new Map<string, StoredEvent[]>();
    for (const e of this.log) {
      const negotiation = this.negotiationOfEvent(e);
      if (negotiation === undefined) this.wait(e);
      else (groups.get(negotiation) ?? groups.set(negotiation, []).get(negotiation)!).push(e);
    }
    for (const [name, events] of groups) {
      const view = new RecordView(this.find);
      view.load(events);
      view.timeline.foldAll();
      this.negotiations.set(name, view);
      this.counts.set(name, events.length);
    }
  }

  add(event: StoredEvent): void {
    freezeEvent(event);
    this.log.push(event);
    this.byId.set(event.id, event);
    const negotiation = this.negotiationOfEvent(event);
    if (negotiation === undefined) return this.wait(event);
    this.deliver(negotiation, event);
    for (const correction of this.waiting.get(event.id) ?? []) this.deliver(negotiation, correction);
    this.waiting.delete(event.id);
  }

  /**
   * Adds one event and tells what it changed in its negotiation: the negotiation's state at
   * the moment of the event's effect, before and after. If telling fails, the event is
   * still added (the views must stay in step with the log) and `failed` hears why.
   */
  addObserved(event: StoredEvent, failed: (error: unknown) => void): Effect | undefined {
    const negotiation = this.negotiationOfEvent(event);
    let effect: { after(): Effect } | undefined;
    try {
      effect = negotiation === undefined ? { after: () => noEffect(event) } : effectOf(event, negotiation, () => this.view(negotiation));
    } catch (error) {
      failed(error);
    }
    this.add(event);
    try {
      return effect?.after();
    } catch (error) {
      failed(error);
      return undefined;
    }
  }

  /** The view a question is about: a negotiation, or the whole record when none is named. */
  view(negotiation?: string): RecordView {
    if (negotiation !== undefined) return this.negotiations.get(negotiation) ?? new RecordView(this.find);
    if (this.negotiations.size <= 1) return this.negotiations.values().next().value ?? new RecordView(this.find);
    if (!this.whole) {
      this.whole = new RecordView(this.find);
      this.whole.load(this.log);
    }
    return this.whole;
  }

  /** The negotiation an event belongs to; undefined for a correction whose target has not arrived. */
  private negotiationOfEvent(e: StoredEvent): string | undefined {
    if (!isCorrection(e)) return negotiationOf(e.stream);
    const target = this.byId.get(targetOf(e));
    return target && negotiationOf(target.stream);
  }

  private wait(correction: StoredEvent): void {
    const target = targetOf(correction);
    (this.waiting.get(target) ?? this.waiting.set(target, []).get(target)!).push(correction);
  }

  private deliver(negotiation: string, event: StoredEvent): void {
    let view = this.negotiations.get(negotiation);
    if (!view) this.negotiations.set(negotiation, (view = new RecordView(this.find)));
    view.add(event);
    this.counts.set(negotiation, (this.counts.get(negotiation) ?? 0) + 1);
    this.whole?.add(event);
  }
}
