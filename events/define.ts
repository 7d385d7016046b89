import type { z } from "zod";

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
}

export function defineEvent<T extends string, S extends z.ZodType>(
  def: Omit<EventDefinition<T, S>, "upcasters"> & Partial<Pick<EventDefinition<T, S>, "upcasters">>,
): EventDefinition<T, S> {
  return { upcasters: {}, ...def };
}
