/**
 * Checks the bundled history: every event validates, ids are unique UUID v4s, and every
 * source quote is copied byte for byte from the seed article it names.
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

const seeds = new Map<string, string>();
const seedText = (name: string): string | undefined => {
  if (!seeds.has(name)) {
    try {
      seeds.set(name, readFileSync(join(seedsDir, name), "utf8"));
    } catch {
      return undefined;
    }
  }
  return seeds.get(name);
};

const problems: string[] = [];
const seen = new Map<string, number>();
let quotes = 0;
inputs.forEach((event, index) => {
  const id = event.id;
  if (typeof id !== "string" || !UUID_V4.test(id)) problems.push(`event ${index}: id ${JSON.stringify(id)} is not a lower-case UUID v4`);
  else if (seen.has(id)) problems.push(`event ${index}: id ${id} duplicates event ${seen.get(id)}`);
  else seen.set(id, index);

  const sources = (event.sources ?? []) as Record<string, unknown>[];
  sources.forEach((source, s) => {
    const where = `event ${index} (${String(event.type)}) sources[${s}]`;
    const quote = source.quote as string;
    if (typeof source.seed !== "string") return void problems.push(`${where}: names no seed, so its quote cannot be checked`);
    const text = seedText(source.seed);
    if (text === undefined) return void problems.push(`${where}: seed ${source.seed} not found in ${seedsDir}`);
    if (/[\r\n]/.test(quote)) problems.push(`${where}: quote spans a line break`);
    if (!text.includes(quote)) problems.push(`${where}: quote not found verbatim in ${source.seed}: ${JSON.stringify(quote.slice(0, 80))}`);
    quotes++;
  });
});

if (problems.length > 0) {
  problems.forEach((p) => console.error(`check-history: ${p}`));
  fail(`${problems.length} problem(s) in ${historyPath}`);
}
console.log(
  `check-history: OK ${inputs.length} events valid, ${seen.size} unique UUIDs, ${quotes} quotes verbatim in ${seeds.size} seeds`,
);
