import type { z } from "zod";

/** A party or issue id a payload names, at `path` inside `data`; the engine checks it against the negotiation's vocabulary. */
export interface Mention {
  path: (string | number)[];
  kind: "party" | "issue";
  id: string;
}

/**
 * One event type: its current schema, the stream its events belong to, and the
 * upcasters that lift payloads stored under older versions to the current one.
 * `upcasters[n]` turns a version-n payload into version n+1.
 */
export interface EventDefinition<T extends string, S extends z.ZodType> {
  type: T;
  version: number;
  data: S;
  stream: (data: z.output<S>) => string;
  upcasters: Record<number, (old: Record<string, unknown>) => Record<string, unknown>>;
  /** What a reader sees in a timeline: one line in the domain's words. */
  describe: (data: z.output<S>) => string;
  /** Every party and issue the payload names. */
  mentions: (data: z.output<S>) => Mention[];
}

export function defineEvent<T extends string, S extends z.ZodType>(
  def: Omit<EventDefinition<T, S>, "upcasters" | "mentions"> & Partial<Pick<EventDefinition<T, S>, "upcasters" | "mentions">>,
): EventDefinition<T, S> {
  return { upcasters: {}, mentions: () => [], ...def };
}

export const party = (id: string, ...path: (string | number)[]): Mention => ({ path, kind: "party", id });
export const issue = (id: string, ...path: (string | number)[]): Mention => ({ path, kind: "issue", id });
