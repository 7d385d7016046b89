import { z } from "zod";
import { resolveMoment } from "../../events/valid-time.ts";
import { NegotiationName } from "./negotiation.ts";

/** A moment as analysts write it: a date (its end, UTC) or an ISO instant. */
export const Moment = z.string().transform((text, ctx) => {
  const moment = resolveMoment(text);
  if (moment === undefined) {
    ctx.addIssue({ code: "custom", message: `'${text}' is not a date (YYYY-MM-DD) or an ISO instant with offset` });
    return z.NEVER;
  }
  return moment;
});


export const StateQuery = z.strictObject({
  at: Moment.optional(),
  knownAt: Moment.optional(),
  negotiation: NegotiationName.optional(),
});
export type StateQuery = z.input<typeof StateQuery>;

export const DiffQuery = z.strictObject({ from: Moment, to: Moment, knownAt: Moment.optional(), negotiation: NegotiationName.optional() });
export type DiffQuery = z.input<typeof DiffQuery>;

export class InvalidQueryError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    this.name = "InvalidQueryError";
  }
}

export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new InvalidQueryError(result.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(query)", message: i.message })));
  return result.data;
}
