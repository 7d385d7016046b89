import type { StoredEvent } from "../../events/envelope.ts";
import type { ParleyState } from "../../projections/index.ts";

/**
 * Snapshots without immer. The projections' recipes mutate whatever they are given, so
 * the engine folds events into a private working copy with plain assignments (immer's
 * proxies cost two to thirteen times the fold: scripts/bench/immer.ts), and takes a snapshot by sharing: every part
 * of the working state equal to the previous snapshot's is that part, so a snapshot
 * costs only what changed since the one before. Frozen values (the stored events and
 * everything in them, which the state refers to) are immutable, so they are never copied.
 */
type Node = Record<string, unknown> | unknown[];

const isMutable = (value: unknown): value is Node => typeof value === "object" && value !== null && !Object.isFrozen(value);

/** A private, mutable deep copy of a snapshot, for folding events into. */
export function workingCopy(state: ParleyState): ParleyState {
  return copy(state) as ParleyState;
}

function copy(value: unknown): unknown {
  if (!isMutable(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out = isRecord(value) ? emptyRecord() : {};
  for (const key in value) out[key] = copy(value[key]);
  return out;
}

/**
 * A record keyed by ids (plans by id, a plan's points by id, statements by speaker), told
 * from an entity (a plan, a meeting: named fields, some of them plain values) by holding
 * nothing but objects.
 */
function isRecord(value: Record<string, unknown>): boolean {
  for (const key in value) {
    const v = value[key];
    if (typeof v !== "object" || v === null) return false;
  }
  return true;
}

/**
 * An empty object in V8's dictionary mode, so the ids added to it cost no hidden class. A
 * plain `{}` gets a hidden class per new key, shared through transitions that V8 caps: once
 * a store holds thousands of ids the cap is reached, every copy of a record builds hidden
 * classes of its own, and those outlive the copy, slowing every young-generation
 * collection after it (a query's p99 is such a collection). Deleting a field that is not
 * the last one is how V8 is asked for dictionary mode; the object is still a plain object.
 */
function emptyRecord(): Record<string, unknown> {
  const out: Record<string, unknown> = { a: 0, b: 0 };
  delete out.a;
  delete out.b;
  return out;
}

/** A snapshot of `working`, sharing every unchanged part with `previous`; `working` may go on changing. */
export function snapshotOf(working: ParleyState, previous: ParleyState): ParleyState {
  return share(working, previous) as ParleyState;
}

function share(value: unknown, previous: unknown): unknown {
  if (!isMutable(value) || value === previous) return value;
  if (Array.isArray(value)) return shareArray(value, Array.isArray(previous) ? previous : undefined);
  return shareRecord(value, typeof previous === "object" && previous !== null && !Array.isArray(previous) ? (previous as Record<string, unknown>) : undefined);
}

/** Arrays mostly grow at the end (histories, statements): their common prefix is shared element by element. */
function shareArray(value: unknown[], previous: unknown[] | undefined): unknown[] {
  let out: unknown[] | undefined = previous?.length === value.length ? undefined : new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = share(value[i], previous?.[i]);
    if (out) out[i] = v;
    else if (v !== previous![i]) {
      out = previous!.slice();
      out[i] = v;
    }
  }
  return out ?? previous!;
}

function shareRecord(value: Record<string, unknown>, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  let out: Record<string, unknown> | undefined = previous ? undefined : {};
  let keys = 0;
  for (const key in value) {
    keys++;
    const before = previous?.[key];
    const v = share(value[key], before);
    if (out) out[key] = v;
    else if (v !== before || (v === undefined && !(key in previous!))) out = matchedBefore(key, value, previous!, v);
  }
  if (!out && keys !== countKeys(previous!)) out = matchedBefore(undefined, value, previous!, undefined);
  return out ?? previous!;
}

/** A new record: the keys of `value` before `stop` (every one matched `previous`), then `stop` itself. */
function matchedBefore(stop: string | undefined, value: Record<string, unknown>, previous: Record<string, unknown>, v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (key === stop) break;
    out[key] = previous[key];
  }
  if (stop !== undefined) out[stop] = v;
  return out;
}

function countKeys(record: Record<string, unknown>): number {
  let n = 0;
  for (const _ in record) n++;
  return n;
}

/**
 * Freezes a stored event and everything in it: the engine keeps events immutable, so
 * states can share them. The envelope's shape is known (a flat valid time, a list of
 * sources, a payload), so only the payload and the sources are walked: the generic walk
 * over every field cost half as much again (121 against 83 ms of CPU per 100,000 events).
 */
export function freezeEvent(e: StoredEvent): StoredEvent {
  if (Object.isFrozen(e)) return e;
  Object.freeze(e.occurredAt);
  freezeDeep(e.data);
  for (const s of e.sources) freezeDeep(s);
  Object.freeze(e.sources);
  return Object.freeze(e);
}

/** Freezes a value and everything in it. */
function freezeDeep<T>(value: T): T {
  if (!isMutable(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (const v of value) freezeDeep(v);
  else for (const key in value) freezeDeep((value as Record<string, unknown>)[key]);
  return value;
}
