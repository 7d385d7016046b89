import type { z } from "zod";

/** One refused field: where it is ("data.points.0.summary") and what is wrong with it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * A zod error as the issues Parley reports everywhere (the API's 400s, the CLI, a refused
 * setting): each one's path joined with dots under `prefix`, or `whole` when it is about the
 * value as a whole rather than a field of it.
 */
export function issuesOf(error: z.ZodError, where: { prefix?: readonly PropertyKey[]; whole?: string } = {}): ValidationIssue[] {
  const prefix = where.prefix ?? [];
  return error.issues.map((i) => ({ path: [...prefix, ...i.path].map(String).join(".") || (where.whole ?? ""), message: i.message }));
}

/** Issues in one line, for an error message: "occurredAt: …; data.party: …". */
export const describeIssues = (issues: readonly ValidationIssue[], whole = ""): string => issues.map((i) => `${i.path || whole}: ${i.message}`).join("; ");
