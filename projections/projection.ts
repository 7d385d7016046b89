import { produce, type Draft } from "immer";
import type { StoredEvent } from "../events/envelope.ts";
import type { ValidTime } from "../events/valid-time.ts";

/**
 * A pure projection: an initial state and a recipe that applies one event to an immer
 * draft. `evolve` is the recipe as a function of immutable states; the engine also runs
 * recipes over one draft for a whole run of events, which is what makes replay fast.
 */
export interface Projection<S> {
  name: string;
  initial: S;
  apply(draft: Draft<S>, event: StoredEvent): void;
}

export function evolve<S>(projection: Projection<S>, state: S, event: StoredEvent): S {
  return produce(state, (draft) => projection.apply(draft, event));
}

/**
 * Provenance of one field: the event that set it, and the end of that event's valid-time
 * interval, so a state asked about a moment inside the interval can flag it tentative.
 */
export interface Ref {
  eventId: string;
  until: string;
}
/**
 * What a record says happened never changes once written (a ref, a change, a statement):
 * frozen, it is shared by every state that holds it rather than copied with them.
 */
export const fact = <T extends object>(value: T): T => Object.freeze(value);

export const refTo = (e: StoredEvent): Ref => fact({ eventId: e.id, until: e.occurredAt.to });

/** A change in an entity's timeline, for "where does this come from" views. */
export interface Change<K extends string = string> {
  kind: K;
  summary: string;
  at: ValidTime;
  ref: Ref;
}
export const changeOf = <K extends string>(e: StoredEvent, kind: K, summary: string): Change<K> =>
  fact({ kind, summary, at: e.occurredAt, ref: refTo(e) });
