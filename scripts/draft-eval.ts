/**
 * How much of the bundled history drafting finds on its own: drafts the five seed articles
 * and counts the bundled events for which some draft has the right type, a date range that
 * contains the recorded one, and the same quote sentence. Prints the misses per type.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Chronicle } from "../src/engine/chronicle.ts";
import { bundledHistory, seed } from "../src/history.ts";
import { vocabularyOf } from "../src/intake/vocabulary.ts";
import { MemoryEventStore } from "../src/store/memory.ts";
import { draft } from "../src/intake/draft.ts";
import { verdictFor, type RecordedEvent, type SeedDraft } from "../src/intake/recall.ts";

const seeds = new URL("../../shared/seeds/", import.meta.url);
const PUBLISHED = "2025-12-03"; // all five seeds were published on Wednesday 3 December 2025

// The vocabulary the CLI would read: the bundled history's, from a store loaded with it.
const chronicle = await Chronicle.open(new MemoryEventStore());
await seed(chronicle);
const vocabulary = vocabularyOf(chronicle.asOf({ negotiation: "ukraine-2025" }).state());
await chronicle.close();
const drafts: SeedDraft[] = readdirSync(seeds)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .flatMap((seed) =>
    draft(readFileSync(new URL(seed, seeds), "utf8"), { publishedAt: PUBLISHED, outlet: `seed ${seed.slice(0, 3)}`, vocabulary }).map((event) => ({ seed, event })),
  );

const recorded = bundledHistory() as unknown as RecordedEvent[];
const results = recorded.map((e) => ({ e, ...verdictFor(e, drafts) }));
const found = results.filter((r) => r.verdict === "found");
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

console.log(`drafts proposed: ${drafts.length} from ${new Set(drafts.map((d) => d.seed)).size} seeds`);
console.log(`recall: ${found.length}/${recorded.length} = ${pct(found.length, recorded.length)} of bundled events (right type, containing date range, same quote sentence)`);
console.log(`  of which with a closed date range (not just "before publication"): ${found.filter((r) => r.closed).length}`);
console.log(`  of which with the key fields as recorded too (place, person, manner, count, party and issue, speaker): ${found.filter((r) => r.keyFields).length}`);
console.log("\nper type (found/total), and the misses:");
for (const type of [...new Set(recorded.map((e) => e.type))].sort()) {
  const mine = results.filter((r) => r.e.type === type);
  const hits = mine.filter((r) => r.verdict === "found");
  console.log(`  ${type}: ${hits.length}/${mine.length} (key fields as recorded: ${hits.filter((r) => r.keyFields).length})`);
  for (const miss of mine.filter((r) => r.verdict !== "found"))
    console.log(
      `    - ${miss.verdict}: ${JSON.stringify(miss.e.occurredAt)} "${miss.e.sources[0]!.quote.slice(0, 90)}…" [${miss.e.sources.map((s) => s.seed?.slice(0, 3)).join(",")}]`,
    );
}
