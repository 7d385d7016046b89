import type { EventType } from "../events/catalogue.ts";
import type { StoredEvent } from "../events/envelope.ts";
import type { ValidTime } from "../events/valid-time.ts";

/** A stored event of one of the given types, its payload narrowed to match. */
export type EventOf<T extends EventType> = Extract<StoredEvent, { type: T }>;

/**
 * A pure projection: the event types it folds (`handles`), a fresh initial state, and a
 * recipe that applies one of those events to a state in place. The engine runs recipes on
 * a private working copy, a whole run of events at a time, and shares what did not change
 * between its snapshots by hand (`src/engine/snapshot.ts`): immer's copy-on-write proxies
 * would cost more than the fold itself (`scripts/bench/immer.ts`). The engine gives a
 * projection only the types it handles; given any other, a recipe changes nothing.
 */
export interface Projection<S, T extends EventType = EventType> {
  name: string;
  handles: readonly T[];
  initialState(): S;
  apply(state: S, event: EventOf<T>): void;
}

/** Names a projection, inferring the types it handles from the list, so its recipe sees only those. */
export const defineProjection = <S, const T extends EventType>(projection: Projection<S, T>): Projection<S, T> => projection;

/** For the end of a recipe's switch: compiles only when every handled type has its case. */
export const handledAll = (_: never): void => {};

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
export const changeOf = <K extends string>(e: StoredEvent, kind: K, summary: string): Change<K> => fact({ kind, summary, at: e.occurredAt, ref: refTo(e) });
