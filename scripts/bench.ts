/**
 * `npm run bench`: Parley at a million events, with Emmett measured side by side.
 *
 *   npm run bench                     1,000,000 events
 *   npm run bench -- --events 250000
 *   npm run bench -- --quick          100,000 events: a smoke run for CI, asserting nothing about speed
 *   npm run bench -- --json           the readable table, then one JSON object as the last line of stdout;
 *                                     both are also saved, dated, under docs/bench/
 *   npm run bench -- --no-postgres    the SQLite store, Emmett and the references only (PostgreSQL doubles the run)
 *   npm run bench -- --scaling        100k, 300k and 1M events (a tenth, three tenths and all of --events):
 *                                     how the cost grows (a table, and an SVG in bench-results/)
 *
 * It generates a synthetic history (scripts/bench/synthetic-history.ts), loads it into a
 * fresh SQLite store, loads the same events into Emmett, then measures the engine on it;
 * then the same on PostgreSQL (PARLEY_BENCH_PG_URL, else the machine's server), with
 * Emmett's PostgreSQL store as the peer.
 * Each phase runs in its own process; progress goes to stderr.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PhaseTimeout, runPhase } from "./bench/child.ts";
import type { PhaseOptions } from "./bench/phase.ts";
import type { PostgresFigures } from "./bench/parley-postgres.ts";
import { withBenchDatabase } from "./bench/postgres-database.ts";
import { ratios, table, type PostgresPeerFigures, type Results, type Run } from "./bench/report.ts";
import { saveRun } from "./bench/saved-runs.ts";
import { measureScaling } from "./bench/scaling.ts";

const MINUTE = 60_000;
/**
 * Emmett appends a few thousand events a second on this machine, so all of a million would
 * take longer than the whole benchmark may: it is measured on the first 100,000 of the same
 * events, a smaller store, which if anything flatters it.
 */
const PEER_EVENTS = 100_000;
/**
 * Emmett's PostgreSQL store commits once per stream of each batch: on this shared machine
 * the first 100,000 events did not go in within six minutes, so its peer figures come from
 * the first 20,000 of the same events.
 */
const POSTGRES_PEER_EVENTS = 20_000;

function options(): { events: number; json: boolean; scaling: boolean; postgres: boolean } {
  const { values } = parseArgs({
    options: { events: { type: "string" }, quick: { type: "boolean" }, json: { type: "boolean" }, scaling: { type: "boolean" }, "no-postgres": { type: "boolean" } },
  });
  const events = values.quick ? 100_000 : Number(values.events ?? 1_000_000);
  if (!Number.isSafeInteger(events) || events < 1_000) throw new Error(`--events must be a whole number of at least 1,000, not '${values.events}'`);
  return { events, json: values.json ?? false, scaling: values.scaling ?? false, postgres: !values["no-postgres"] };
}

function commit(): string | null {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return null;
  }
}

const run = (): Run => ({ date: new Date().toISOString().slice(0, 10), commit: commit(), node: process.version, cpus: availableParallelism() });
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** The SSE figure needs the HTTP app and a live feed that keeps up; a phase that cannot is reported, not fatal. */
async function sse(o: PhaseOptions, notes: string[]): Promise<{ sseP50Ms: number | null; sseP99Ms: number | null }> {
  try {
    return await runPhase("sse", o, 2 * MINUTE);
  } catch (err) {
    notes.push(`sseP99Ms not measured: ${err instanceof PhaseTimeout ? err.message : String(err)}`);
    return { sseP50Ms: null, sseP99Ms: null };
  }
}

/**
 * Parley's PostgreSQL store on the same events, then Emmett's, in a database of the run's
 * own. Without a server, or without the peer's package, the figures are missing and a note says why.
 */
async function postgres(o: PhaseOptions, minutes: (m: number) => number, notes: string[]): Promise<{ postgres: PostgresFigures | null; postgresPeer: PostgresPeerFigures | null }> {
  const run = await withBenchDatabase(async (database) => {
    progress(`PostgreSQL: appending the same ${o.events.toLocaleString("en-US")} events, then rebuilding and querying`);
    // Every batch is a round trip to a server that shares the machine: slower than SQLite, and noisier.
    const figures = await runPhase("postgres", { ...o, database }, minutes(20)).catch((err: unknown) => {
      notes.push(`PostgreSQL not measured: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    if (!figures) return { postgres: null, postgresPeer: null };
    const peerEvents = Math.min(o.events, POSTGRES_PEER_EVENTS);
    progress(`Emmett-PostgreSQL: appending the first ${peerEvents.toLocaleString("en-US")} of the same events, then rebuilding from them`);
    const peer = await runPhase("peerPostgres", { ...o, database, peerEvents }, 6 * MINUTE).catch((err: unknown) => {
      notes.push(`Emmett-PostgreSQL not measured: ${err instanceof Error ? err.message : String(err)} (its package: npm ci --prefix scripts/bench/emmett-postgresql)`);
      return null;
    });
    return { postgres: figures, postgresPeer: peer };
  });
  if ("result" in run) return run.result;
  notes.push(`PostgreSQL not measured: ${run.skipped}`);
  return { postgres: null, postgresPeer: null };
}

async function main(): Promise<void> {
  const { events, json, scaling, postgres: onServer } = options();
  if (scaling) return measureScaling(events, run(), progress);
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const o: PhaseOptions = { dir, events, peerEvents: Math.min(events, PEER_EVENTS), samples: { questions: 1000, naive: 60, backfills: 200, sseAppends: 100 } };
  const notes: string[] = [];
  // A million events take 7 to 10 minutes here when the machine is quiet, and twice that when
  // other work shares it; bigger histories are given proportionally longer.
  const minutes = (m: number) => m * MINUTE * Math.max(1, events / 1_000_000);
  try {
    progress(`generating ${events.toLocaleString("en-US")} events into ${dir}/parley.db`);
    const appends = await runPhase("append", o, minutes(15));
    progress(`Emmett: appending the first ${o.peerEvents.toLocaleString("en-US")} of the same events, then rebuilding from them`);
    const peer = await runPhase("peer", o, 12 * MINUTE);
    progress(`Parley: appending the same first ${o.peerEvents.toLocaleString("en-US")} events into a fresh store, then rebuilding from them`);
    const parleyAtPeerSize = await runPhase("parleyAtPeerSize", o, 6 * MINUTE);
    progress("Parley: rebuilding, then querying");
    const engine = await runPhase("engine", o, minutes(12));
    progress("one SQLite table and one SQL query: the stance matrix for the same questions");
    const sqlReference = await runPhase("sqlReference", o, minutes(6));
    progress("Parley: live delivery to 100 SSE subscribers");
    const live = await sse(o, notes);
    // PostgreSQL at a million events takes as long again as everything above: --no-postgres leaves it out, and the run says so.
    const onPostgres = onServer ? await postgres(o, minutes, notes) : (notes.push("PostgreSQL not measured: --no-postgres"), { postgres: null, postgresPeer: null });
    const results: Results = {
      events,
      run: run(),
      ...appends,
      ...engine,
      ...ratios({ ...appends, ...engine }),
      naiveRatio: Math.round(engine.stateAtNaiveP50Ms / engine.stateAtP50Ms),
      ...live,
      peer,
      parleyAtPeerSize,
      sqlReference,
      ...onPostgres,
      notes,
    };
    if (!engine.naiveAgrees) notes.push("the engine and the full replay DISAGREED on a sampled question");
    const text = table(results);
    console.log(text);
    if (json) {
      progress(`saved as ${saveRun(results, text).join(" and ")}`);
      console.log(JSON.stringify(results));
    }
    // Speed is reported, never asserted; a wrong answer fails the run (and CI).
    if (!engine.naiveAgrees) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
