import fc from "fast-check";
import { catalogueSamples } from "./catalogue-samples.ts";

/**
 * Arbitraries that turn valid events into the inputs analysts and scripts really send, and
 * worse: wrong types, missing and extra fields, huge and strange strings, impossible dates,
 * keys that would pollute a prototype if copied carelessly. Each yields JSON text, so a test
 * gives the validator exactly what the HTTP layer would hand it.
 */

type Path = (string | number)[];
type Mutation = { kind: "replace"; path: Path; value: unknown } | { kind: "delete"; path: Path } | { kind: "add"; path: Path; key: string; value: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === "object" && v !== null;

/** Every key and index of a JSON value, at any depth. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (!isContainer(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf((value as Record<string, unknown>)[key], path)];
  });
}

const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (isContainer(v) ? (v as Record<string, unknown>)[k] : undefined), value);

/** Defines an own property, as JSON.parse does: `o["__proto__"] = v` would set the prototype instead. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function apply(value: unknown, m: Mutation): unknown {
  if (m.path.length === 0 && m.kind === "replace") return m.value;
  const copy: unknown = JSON.parse(JSON.stringify(value));
  const parentPath = m.kind === "add" ? m.path : m.path.slice(0, -1);
  const parent = at(copy, parentPath);
  if (!isContainer(parent)) return copy;
  const container = parent as Record<string | number, unknown>;
  if (m.kind === "add") setOwn(container, m.key, m.value);
  else if (m.kind === "replace") setOwn(container, m.path.at(-1)!, m.value);
  else if (Array.isArray(parent)) parent.splice(Number(m.path.at(-1)), 1);
  else delete container[m.path.at(-1)!];
  return copy;
}

const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
/** Up to about 960 kB once encoded: under the default body limit, so the validator, not the limit, must cope. */
const huge = fc.tuple(fc.constantFrom("x", "é", "😀", "\u0000", "<script>", "\u202e", "\ufeff"), fc.integer({ min: 10_000, max: 120_000 })).map(([s, n]) => s.repeat(n));
const deep = fc.integer({ min: 100, max: 3000 }).map((n) => JSON.parse("[".repeat(n) + "]".repeat(n)) as unknown);
export const badDate = fc.constantFrom(
  "2025-02-30",
  "2025-13-01",
  "2025-00-10",
  "2025-12-32",
  "0000-00-00",
  "2025-2-3",
  "20251203",
  "yesterday",
  "",
  " 2025-12-03",
  "2025-12-03T25:00:00Z",
  "2025-12-03T10:00:00",
  "2025-12-03T10:00:00+25:00",
  "+275760-09-13",
  "-000001-01-01",
  "2025-W54",
  "2025-W00",
  "2025-13",
  "2025-12-31T23:59:60Z",
  "2025-12-01/2025-12-03",
  "9999-12-31T23:59:59.999Z",
  "1970-01-01",
  "2024-02-29",
  "2025-W01",
);
const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "then", "polluted");

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  utf16,
  badDate,
  huge,
  deep,
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 2 })),
);

function mutationOf(base: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(base);
  const objects = [[], ...paths.filter((p) => isObject(at(base, p)))];
  const datePaths = paths.filter((p) => ["occurredAt", "reportedAt", "date", "from", "to", "publishedAt"].includes(String(p.at(-1))));
  return fc.oneof(
    fc.record({ kind: fc.constant("replace" as const), path: fc.constantFrom(...paths), value: anyValue }),
    fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...paths) }),
    fc.record({ kind: fc.constant("add" as const), path: fc.constantFrom(...objects), key: fc.oneof(hostileKey, fc.string({ maxLength: 12 })), value: anyValue }),
    fc.record({ kind: fc.constant("replace" as const), path: fc.constantFrom(...datePaths), value: badDate }),
  );
}

/** A valid event of some type with one to three mutations applied, as JSON text. */
export const mutatedEvent: fc.Arbitrary<{ type: string; text: string }> = fc.constantFrom(...Object.keys(catalogueSamples)).chain((type) => {
  const base = catalogueSamples[type]!;
  return fc.array(mutationOf(base), { minLength: 1, maxLength: 3 }).map((ms) => ({ type, text: JSON.stringify(ms.reduce<unknown>(apply, base)) ?? "null" }));
});

/** A valid event, unchanged but for a fresh look: the control group every fuzz run includes. */
export const validEvent = fc.constantFrom(...Object.keys(catalogueSamples)).map((type) => ({ type, text: JSON.stringify(catalogueSamples[type]) }));

/** Any JSON at all. */
export const anyJson = fc.jsonValue({ maxDepth: 4 }).map((v) => ({ type: "(any JSON)", text: JSON.stringify(v) }));

/** A valid event's text cut short, or with a character dropped or inserted: mostly not JSON any more. */
export const damagedText = fc
  .tuple(validEvent, fc.nat(), fc.constantFrom("cut", "drop", "insert"), fc.string({ minLength: 1, maxLength: 2 }))
  .map(([{ type, text }, n, how, ch]) => {
    const i = n % text.length;
    const damaged = how === "cut" ? text.slice(0, i) : how === "drop" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i);
    return { type, text: damaged };
  });
