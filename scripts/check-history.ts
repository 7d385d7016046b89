/**
 * Checks the bundled history: every event validates, ids are unique UUID v4s, and every
 * quoted field is copied byte for byte from the seed articles: each source's `quote` and
 * (when not null) `title` from the seed that source names, and each `data.quote` from one
 * of the seeds its own event cites. Mis-decoded characters in a seed are its bytes too.
 * Exits 1 on any problem, naming the event by index, type and id.
 *
 *   npx tsx scripts/check-history.ts [history/ukraine-2025.json]
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidEventError, parseEvents } from "../events/envelope.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const historyPath = resolve(repoRoot, process.argv[2] ?? "history/ukraine-2025.json");
const seedsDir = join(repoRoot, "..", "shared", "seeds");
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const fail = (message: string): never => {
  console.error(`check-history: FAIL ${message}`);
  process.exit(1);
};

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(historyPath, "utf8"));
} catch (err) {
  fail(`cannot read ${historyPath}: ${(err as Error).message}`);
}
if (!Array.isArray(raw)) fail(`${historyPath} must hold a JSON array of events`);
const inputs = raw as Record<string, unknown>[];

try {
  parseEvents(inputs);
} catch (err) {
  if (err instanceof InvalidEventError) fail(`event ${err.index ?? "?"}: ${err.message}`);
  throw err;
}

// Seeds are compared as bytes: a JS string comparison would already be byte-exact for UTF-8 text,
// but Buffer.includes says so without relying on how the file happens to decode.
const seeds = new Map<string, Buffer>();
const seedBytes = (name: string): Buffer | undefined => {
  if (!seeds.has(name)) {
    try {
      seeds.set(name, readFileSync(join(seedsDir, name)));
    } catch {
      return undefined;
    }
  }
  return seeds.get(name);
};
const occursIn = (text: Buffer, value: string) => text.includes(Buffer.from(value, "utf8"));
const excerpt = (value: string) => JSON.stringify(value.slice(0, 80));

const problems: string[] = [];
const seen = new Map<string, number>();
let fields = 0;

/** One quoted field: a non-empty single line found verbatim in `text`. */
function checkField(where: string, field: string, value: unknown, text: Buffer, seed: string): void {
  if (typeof value !== "string" || value === "") return void problems.push(`${where}: ${field} missing`);
  if (/[\r\n]/.test(value)) problems.push(`${where}: ${field} spans a line break`);
  if (!occursIn(text, value)) problems.push(`${where}: ${field} not found verbatim in ${seed}: ${excerpt(value)}`);
  fields++;
}

inputs.forEach((event, index) => {
  const id = event.id;
  const name = `event ${index} (${String(event.type)}, ${String(id)})`;
  if (typeof id !== "string" || !UUID_V4.test(id)) problems.push(`${name}: id is not a lower-case UUID v4`);
  else if (seen.has(id)) problems.push(`${name}: id duplicates event ${seen.get(id)}`);
  else seen.set(id, index);

  const cited: string[] = [];
  const sources = (event.sources ?? []) as Record<string, unknown>[];
  sources.forEach((source, s) => {
    const where = `${name} sources[${s}]`;
    if (typeof source.seed !== "string") return void problems.push(`${where}: names no seed, so its quote cannot be checked`);
    const text = seedBytes(source.seed);
    if (text === undefined) return void problems.push(`${where}: seed ${source.seed} not found in ${seedsDir}`);
    cited.push(source.seed);
    checkField(where, "quote", source.quote, text, source.seed);
    if (source.title != null) checkField(where, "title", source.title, text, source.seed);
  });

  const data = (event.data ?? {}) as Record<string, unknown>;
  if (data.quote === undefined) return;
  const where = `${name} data.quote`;
  if (typeof data.quote !== "string" || data.quote === "") return void problems.push(`${where}: must be a non-empty string`);
  fields++;
  if (cited.length === 0) return void problems.push(`${where}: the event cites no seed to check it against`);
  if (!cited.some((seed) => occursIn(seeds.get(seed)!, data.quote as string)))
    problems.push(`${where}: not found verbatim in any seed the event cites (${[...new Set(cited)].sort().join(", ")}): ${excerpt(data.quote)}`);
});

if (problems.length > 0) {
  problems.forEach((p) => console.error(`check-history: ${p}`));
  fail(`${problems.length} problem(s) in ${historyPath}`);
}
console.log(`check-history: OK ${inputs.length} events valid, ${seen.size} unique UUIDs, ${fields} quote and title fields verbatim in ${seeds.size} seeds`);
