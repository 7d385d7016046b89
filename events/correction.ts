import { z } from "zod";
import { defineEvent } from "./define.ts";
import { ValidTimeField } from "./valid-time.ts";

/**
 * Corrections are facts about the record, not about the world: once known they apply to
 * every valid time, and a state asked "as known before the correction" still shows the
 * original. The replacement fields are checked against the corrected event's own schema.
 */
export const ReportCorrected = defineEvent({
  type: "ReportCorrected",
  version: 1,
  data: z
    .strictObject({
      correctedEventId: z.uuid(),
      reason: z.string().min(1),
      occurredAt: ValidTimeField.optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .refine((d) => d.occurredAt !== undefined || d.data !== undefined, {
      message: "a correction must replace occurredAt, data, or both",
    }),
  stream: () => "corrections",
  describe: (d) => `report ${d.correctedEventId} corrected: ${d.reason}`,
});

export const ReportRetracted = defineEvent({
  type: "ReportRetracted",
  version: 1,
  data: z.strictObject({ retractedEventId: z.uuid(), reason: z.string().min(1) }),
  stream: () => "corrections",
  describe: (d) => `report ${d.retractedEventId} retracted: ${d.reason}`,
});
