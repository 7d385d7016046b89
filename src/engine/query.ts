import { z } from "zod";
import { resolveDate, resolveMoment } from "../../events/valid-time.ts";
import { describeIssues, issuesOf, type ValidationIssue } from "../../events/issues.ts";
import { NegotiationName } from "../../events/stream-name.ts";

/** Reads a moment as analysts write it, or adds an issue naming what is wrong with it. */
function momentIn(text: string, ctx: z.RefinementCtx): string {
  const moment = resolveMoment(text);
  if (moment !== undefined) return moment;
  ctx.addIssue({ code: "custom", message: `'${text}' is not a date (YYYY-MM-DD) or an ISO instant with offset` });
  return z.NEVER;
}

/** A moment as analysts write it: a date (its end, UTC) or an ISO instant. */
export const Moment = z.string().transform(momentIn);

/** A bound of a valid-time range: the whole span the written date covers ("2025-08" is all of August, "2025-W48" a week). */
export const Span = z.string().transform((text, ctx) => {
  const span = resolveDate(text);
  if (typeof span !== "string") return span;
  ctx.addIssue({ code: "custom", message: span });
  return z.NEVER;
});

/** A basis, as XTDB calls it: which record a question reads (one negotiation, or all) and as known when (now, or a transaction time). */
export const BasisQuery = z.strictObject({
  knownAt: Moment.optional(),
  negotiation: NegotiationName.optional(),
});
export type BasisQuery = z.input<typeof BasisQuery>;

/** The valid time a state is asked at, as `Basis.state` reads it. */
export const AtQuery = z.strictObject({ at: Moment.optional() });

/** The two valid times a diff compares. */
export const DiffRange = z.strictObject({ from: Moment, to: Moment });

export const StateQuery = BasisQuery.extend(AtQuery.shape);
export type StateQuery = z.input<typeof StateQuery>;

export const DiffQuery = BasisQuery.extend(DiffRange.shape);
export type DiffQuery = z.input<typeof DiffQuery>;

/**
 * The developments whose valid time overlaps [from, to] (an event dated "November" lies in a
 * range that starts on the 20th), and a page of them: `after` is the eventId of the last entry seen.
 */
export const HistoryRange = z.strictObject({
  from: Span.optional(),
  to: Span.optional(),
  after: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type HistoryRange = z.input<typeof HistoryRange>;

export const HistoryQuery = BasisQuery.extend(HistoryRange.shape);
export type HistoryQuery = z.input<typeof HistoryQuery>;

/** A question about an id the record does not hold; `known` lists the ids it does, for the reader to pick from. */
export class NotFoundError extends Error {
  constructor(
    readonly what: string,
    readonly id: string,
    readonly known: string[],
  ) {
    super(`no ${what} '${id}'`);
    this.name = "NotFoundError";
  }
}

export class InvalidQueryError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(describeIssues(issues));
    this.name = "InvalidQueryError";
  }
}

export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidQueryError(issuesOf(result.error, { whole: "(query)" }));
  return result.data;
}
