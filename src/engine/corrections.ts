import { knownSince, type StoredEvent } from "../../events/envelope.ts";
import { freezeDeep } from "./snapshot.ts";

/** Corrections are facts about the record: they change how another event reads, never the state directly. */
export const isCorrection = (e: StoredEvent): boolean => e.type === "ReportCorrected" || e.type === "ReportRetracted";
export const targetOf = (e: StoredEvent): string =>
  e.type === "ReportCorrected" ? e.data.correctedEventId : e.type === "ReportRetracted" ? e.data.retractedEventId : "";

/** The event as a correction says it should read (its sources now include the correction's), or nothing if retracted. */
export function corrected(original: StoredEvent, correction: StoredEvent | undefined): StoredEvent | undefined {
  if (!correction) return original;
  if (correction.type !== "ReportCorrected") return undefined;
  const { occurredAt, data } = correction.data;
  return freezeDeep({
    ...original,
    occurredAt: occurredAt ?? original.occurredAt,
    data: { ...original.data, ...(data ?? {}) },
    sources: [...original.sources, ...correction.sources],
  } as StoredEvent);
}

/** When the record learnt of an event, as a number: views compare it with every transaction-time query. */
export const knownMs = (e: StoredEvent): number => Date.parse(knownSince(e));
