import type { StoredEvent } from "../../events/envelope.ts";
import { isFiling, type FiledSource } from "../../events/source-filed.ts";
import { evolveVocabulary, isVocabularyEvent, type Vocabulary } from "../../projections/vocabulary.ts";
import { corrected, isCorrection, knownMs, targetOf } from "./corrections.ts";
import { Finality } from "./finality.ts";
import type { Reading } from "./reading.ts";
import { Timeline, validFrom } from "./timeline.ts";

/**
 * One view of the record (a negotiation, or the whole store): its events with corrections
 * applied, as a timeline, and when each place in it became final, so the same view also
 * answers "as the record stood at" any transaction time. Corrections apply to every valid
 * time once known; before then the original stands.
 */
export class RecordView {
  readonly timeline = new Timeline();
  readonly finality = new Finality();
  /** Corrections of each corrected event, in position order; the last one wins. */
  readonly corrections = new Map<string, StoredEvent[]>();
  /** How each corrected event reads now; absent while retracted or not yet arrived. */
  private readonly current = new Map<string, StoredEvent>();

  /** Vocabulary events, in position order: they declare categories, so they stay out of the valid-time timeline. */
  private readonly declarations: StoredEvent[] = [];
  private declared: Vocabulary[] | undefined;
  /** Filed sources by sourceId: evidence the record keeps, not developments, so they stay out of the timeline too. */
  private readonly filings = new Map<string, FiledSource>();

  /** The view's own index of its events, when no store-wide one is shared with it. */
  private readonly own: Map<string, StoredEvent> | undefined;
  /** Resolves the events this view holds (and the ones its corrections name) by id. */
  readonly find: (id: string) => StoredEvent | undefined;

  /** `find`: the engine's store-wide index, shared by its views; a view on its own indexes what it is given. */
  constructor(find?: (id: string) => StoredEvent | undefined) {
    const own = find ? undefined : new Map<string, StoredEvent>();
    this.own = own;
    this.find = find ?? ((id) => own!.get(id));
  }

  /** Fills an empty view with events in position order: one sort instead of an insert each. */
  load(events: readonly StoredEvent[]): void {
    const originals: StoredEvent[] = [];
    for (const e of events) {
      this.own?.set(e.id, e);
      if (isVocabularyEvent(e)) this.declare(e);
      else if (isFiling(e)) this.file(e);
      else if (isCorrection(e)) this.addCorrection(e);
      else originals.push(e);
    }
    const versions: StoredEvent[] = [];
    const starts: number[] = [];
    for (const e of originals) {
      const version = this.corrections.has(e.id) ? this.versionOf(e) : e;
      if (!version) continue;
      const from = validFrom(version);
      versions.push(version);
      starts.push(from);
      if (version === e) this.finality.mark(from, e.position, knownMs(e));
    }
    this.timeline.load(versions, starts);
    this.finality.prepare();
  }

  /** Adds one event; a correction of an event not yet here waits for it. */
  add(event: StoredEvent): void {
    this.own?.set(event.id, event);
    if (isVocabularyEvent(event)) return this.declare(event);
    if (isFiling(event)) return this.file(event);
    if (isCorrection(event)) {
      this.addCorrection(event);
      const original = this.find(targetOf(event));
      if (original && !isCorrection(original)) this.replace(original);
      return;
    }
    if (!this.corrections.has(event.id)) {
      this.finality.mark(validFrom(event), event.position, knownMs(event));
      return this.timeline.insert(event);
    }
    const version = this.versionOf(event);
    if (version) this.timeline.insert(version);
  }

  private declare(e: StoredEvent): void {
    this.declarations.push(e);
    this.declared = undefined;
  }

  private file(e: StoredEvent): void {
    const filed = e.data as FiledSource;
    this.filings.set(filed.sourceId, filed);
  }

  /** The source filed under `sourceId` in this view, if any. */
  filed(sourceId: string): FiledSource | undefined {
    return this.filings.get(sourceId);
  }

  /** Each negotiation's vocabulary in this view, from the declarations known by `knownAtMs` (all of them without it). */
  vocabularies(knownAtMs = Infinity): Vocabulary[] {
    if (knownAtMs === Infinity && this.declared) return this.declared;
    const byNegotiation = new Map<string, Vocabulary | undefined>();
    for (const e of this.declarations) {
      if (knownMs(e) > knownAtMs) continue;
      const id = (e.data as { negotiationId: string }).negotiationId;
      byNegotiation.set(id, evolveVocabulary(byNegotiation.get(id), e));
    }
    const out = [...byNegotiation.values()].filter((v): v is Vocabulary => v !== undefined);
    if (knownAtMs === Infinity) this.declared = out;
    return out;
  }

  private addCorrection(correction: StoredEvent): void {
    const target = targetOf(correction);
    const list = this.corrections.get(target);
    if (!list) return void this.corrections.set(target, [correction]);
    if (list.some((c) => c.id === correction.id)) return;
    let i = list.length;
    while (i > 0 && list[i - 1]!.position > correction.position) i--;
    list.splice(i, 0, correction);
  }

  private replace(original: StoredEvent): void {
    const current = this.current.get(original.id) ?? (this.corrections.get(original.id)!.length === 1 ? original : undefined);
    if (current) this.timeline.remove(current);
    const version = this.versionOf(original);
    if (version) this.timeline.insert(version);
  }

  /** Recomputes how a corrected event reads, and marks every place its versions take until its last correction is known. */
  private versionOf(original: StoredEvent): StoredEvent | undefined {
    const corrections = this.corrections.get(original.id)!;
    const version = corrected(original, corrections[corrections.length - 1]);
    if (version) this.current.set(original.id, version);
    else this.current.delete(original.id);
    const final = Math.max(knownMs(original), ...corrections.map(knownMs));
    this.finality.mark(validFrom(original), original.position, final);
    for (const c of corrections) {
      const v = corrected(original, c);
      if (v) this.finality.mark(validFrom(v), original.position, final);
    }
    return version;
  }

  /** Every event of the view as it reads now, by id: provenance lookups resolve here. */
  readonly effective = { get: (id: string): StoredEvent | undefined => (this.corrections.has(id) ? this.current.get(id) : this.find(id)) };

  correctionOf(id: string): StoredEvent | undefined {
    const list = this.corrections.get(id);
    return list?.[list.length - 1];
  }

  /** The view as it reads now; `KnownAtReading` reads it as the record stood at a transaction time. */
  readonly live: Reading = {
    snapshotAt: (atMs) => this.timeline.snapshotAfter(this.timeline.countUntil(atMs)),
    between: (afterMs, untilMs) => this.timeline.slice(this.timeline.countUntil(afterMs), this.timeline.countUntil(untilMs)),
    lookup: this.effective.get,
    correctionOf: (id) => this.correctionOf(id),
    vocabularies: () => this.vocabularies(),
  };
}
