import { z } from "zod";

/**
 * When a development happened (valid time), as precisely as the sources say and no more.
 * Stored as a closed interval [from, to] of UTC instants (to = last millisecond included):
 * a day is 00:00:00.000 to 23:59:59.999, a week is Monday to Sunday (ISO), a month its days.
 */
export const Precision = z.enum(["instant", "day", "week", "month", "year", "interval"]);
export type Precision = z.infer<typeof Precision>;

export const ValidTime = z.strictObject({
  precision: Precision,
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  label: z.string().optional(),
  /** The EDTF string the writer gave, kept when its bounds alone would not say it again ("2025-11-20?"). */
  edtf: z.string().optional(),
});
export type ValidTime = z.infer<typeof ValidTime>;
