import type { StoredEvent } from "../../events/envelope.ts";
import type { Effect } from "./effect.ts";
import { Views } from "./views.ts";

/**
 * The effects of the events of `log` at indexes [start, end), each taken on views of the log
 * before it: what a live subscriber that resumes from an old position missed. A failure is
 * thrown, not swallowed: a backlog with a hole would mislead.
 */
export function replayEffects(log: readonly StoredEvent[], start: number, end: number): Effect[] {
  const views = new Views();
  for (let i = 0; i < start; i++) views.add(log[i]!);
  const fail = (error: unknown) => {
    throw error;
  };
  const effects: Effect[] = [];
  for (let i = start; i < end; i++) effects.push(views.addObserved(log[i]!, fail)!);
  return effects;
}
