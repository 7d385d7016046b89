/**
 * A writer for the crash test: appends batches to a SQLite store in a loop, each through the
 * engine's one write path, and prints every batch the store acknowledged. The test kills it
 * with SIGKILL at a random moment. Usage: crash-writer.ts DB_PATH RUN
 */
import { Chronicle } from "../../src/engine/chronicle.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { crashBatch, crashOpening } from "./crash-batches.ts";

const [path, run] = process.argv.slice(2);
if (!path || !run) throw new Error("usage: crash-writer.ts DB_PATH RUN");

const store = new SqliteEventStore(path);
const chronicle = await Chronicle.open(store, { follow: false });
await chronicle.record([crashOpening]);
// Bounded, though the test kills it long before: a writer orphaned by a failed test cannot run forever.
for (let batch = 0; batch < 10_000; batch++) {
  const results = await chronicle.record(crashBatch(Number(run), batch));
  // A pipe to the parent is written synchronously on Linux: once this returns, the line survives SIGKILL.
  process.stdout.write(`ack ${batch} ${Math.max(...results.map((r) => r.position))}\n`);
}
