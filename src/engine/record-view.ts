import type { StoredEvent } from "../../events/envelope.ts";
import { Timeline } from "./timeline.ts";

const isCorrection = (e: StoredEvent) => e.type === "ReportCorrected" || e.type === "ReportRetracted";
const targetOf = (e: StoredEvent): string =>
  e.type === "ReportCorrected" ? e.data.correctedEventId : e.type === "ReportRetracted" ? e.data.retractedEventId : "";

/** The event as its latest correction says it should read; its sources now include the correction's. */
function corrected(original: StoredEvent, correction: StoredEvent): StoredEvent | undefined {
  if (correction.type !== "ReportCorrected") return undefined;
  const { occurredAt, data } = correction.data;
  return {
    ...original,
    occurredAt: occurredAt ?? original.occurredAt,
    data: { ...original.data, ...(data ?? {}) },
    sources: [...original.sources, ...correction.sources],
  } as StoredEvent;
}

/**
 * One view of the record: the events it holds with corrections applied, as a timeline.
 * The live view holds everything; a "known at" view holds only what had been reported by then.
 */
export class RecordView {
  readonly timeline = new Timeline();
  /** Every event in the view, corrected, by id: provenance lookups resolve here. */
  readonly effective = new Map<string, StoredEvent>();
  private readonly originals = new Map<string, StoredEvent>();
  private readonly corrections = new Map<string, StoredEvent>();
  head = 0;

  add(event: StoredEvent): void {
    if (event.position > this.head) this.head = event.position;
    if (isCorrection(event)) return this.addCorrection(event);
    this.originals.set(event.id, event);
    const correction = this.corrections.get(event.id);
    const shown = correction ? corrected(event, correction) : event;
    if (shown) this.show(shown);
  }

  private addCorrection(correction: StoredEvent): void {
    const target = targetOf(correction);
    const prior = this.corrections.get(target);
    if (prior && prior.position > correction.position) return;
    this.corrections.set(target, correction);
    this.effective.set(correction.id, correction);
    const original = this.originals.get(target);
    if (!original) return;
    const current = this.effective.get(target);
    if (current) {
      this.timeline.remove(current);
      this.effective.delete(target);
    }
    const shown = corrected(original, correction);
    if (shown) this.show(shown);
  }

  private show(event: StoredEvent): void {
    this.effective.set(event.id, event);
    this.timeline.insert(event);
  }

  correctionOf(id: string): StoredEvent | undefined {
    return this.corrections.get(id);
  }
}
