import { z } from "zod";
import { defineEvent } from "./define.ts";
import { EventId } from "./event-id.ts";
import { ValidTimeField } from "./valid-time.ts";

/**
 * The fields a correction replaces. A JSON key "__proto__" is refused by name: the record
 * parser drops it without a word, and a correction that silently changes nothing is worse
 * than one refused.
 */
const Replacement = z
  .unknown()
  .superRefine((value, ctx) => {
    if (typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__"))
      ctx.addIssue({ code: "custom", path: ["__proto__"], message: "'__proto__' is not a field of any event" });
  })
  .pipe(z.record(z.string(), z.unknown()))
  .meta({ type: "object", description: "the fields to replace, checked against the corrected event's own schema" });

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
      correctedEventId: EventId,
      reason: z.string().min(1),
      occurredAt: ValidTimeField.optional(),
      data: Replacement.optional(),
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
  data: z.strictObject({ retractedEventId: EventId, reason: z.string().min(1) }),
  stream: () => "corrections",
  describe: (d) => `report ${d.retractedEventId} retracted: ${d.reason}`,
});
