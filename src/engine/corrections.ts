import { knownSince, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import { freezeEvent } from "./snapshot.ts";

type Written = Pick<PendingEvent, "type" | "data">;

/** Corrections are facts about the record: they change how another event reads, never the state directly. */
export const isCorrection = (e: Written): boolean => e.type === "ReportCorrected" || e.type === "ReportRetracted";

/** The field of a correction that names the event it acts on: the one rule every reader of corrections uses. */
export const targetField = (e: Written): "correctedEventId" | "retractedEventId" | undefined =>
  e.type === "ReportCorrected" ? "correctedEventId" : e.type === "ReportRetracted" ? "retractedEventId" : undefined;

/** The id of the event a correction acts on; "" for any other event. */
export const targetOf = (e: Written): string => {
  const field = targetField(e);
  return field ? (e.data as unknown as Record<typeof field, string>)[field] : "";
};

/** The event as a correction says it should read (its sources now include the correction's), or nothing if retracted. */
export function corrected(original: StoredEvent, correction: StoredEvent | undefined): StoredEvent | undefined {
  if (!correction) return original;
  if (correction.type !== "ReportCorrected") return undefined;
  const { occurredAt, data } = correction.data;
  return freezeEvent({
    ...original,
    occurredAt: occurredAt ?? original.occurredAt,
    data: { ...original.data, ...(data ?? {}) },
    sources: [...original.sources, ...correction.sources],
  } as StoredEvent);
}

/** When the record learnt of an event, as a number: views compare it with every transaction-time query. */
export const knownMs = (e: StoredEvent): number => Date.parse(knownSince(e));
