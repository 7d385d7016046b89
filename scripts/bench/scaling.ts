import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runPhase } from "./child.ts";
import type { Run } from "./report.ts";
import { saveScaling } from "./saved-runs.ts";
import { scalingChart } from "./scaling-chart.ts";

/** The sizes `--scaling` measures, as shares of the largest: the goal is stateAt flat across them, rebuild time and RSS linear. */
const SHARES = [0.1, 0.3, 1];
const MINUTE = 60_000;

export interface ScalingPoint {
  events: number;
  rebuildEventsPerSec: number;
  stateAtP50Ms: number;
  stateAtP99Ms: number;
  appendBatchEventsPerSec: number;
  rssMb: number;
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");

export function scalingTable(points: ScalingPoint[]): string {
  const rows = [
    ["events", "rebuild (events/s)", "stateAt p50 (ms)", "stateAt p99 (ms)", "append (events/s)", "peak RSS (MB)"],
    ...points.map((p) => [n(p.events), n(p.rebuildEventsPerSec), p.stateAtP50Ms.toFixed(2), p.stateAtP99Ms.toFixed(2), n(p.appendBatchEventsPerSec), n(p.rssMb)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `| ${widths.map((w) => `${"-".repeat(w - 1)}:`).join(" | ")} |`, ...rows.slice(1).map(line)].join("\n");
}

/**
 * 100k, 300k and 1M events (a tenth, three tenths and all of `--events`), each in a fresh store: the batch append of the whole history, then the engine's
 * rebuild and its stateAt series (the same phase as the full run, fewer replays and
 * backfills). A disagreement with the full replay fails the run, as in the full benchmark.
 */
export async function measureScaling(largest: number, run: Run, progress: (line: string) => void): Promise<void> {
  const points: ScalingPoint[] = [];
  for (const events of SHARES.map((share) => Math.round(largest * share))) {
    const dir = mkdtempSync(join(tmpdir(), "parley-scaling-"));
    const o = { dir, events, peerEvents: 0, samples: { questions: 1000, naive: 10, backfills: 20, sseAppends: 0 } };
    const minutes = (m: number) => m * MINUTE * Math.max(1, events / 1_000_000);
    try {
      progress(`scaling: ${n(events)} events, appending, then rebuilding and querying`);
      const { appendBatchEventsPerSec } = await runPhase("appendBatches", o, minutes(12));
      const engine = await runPhase("engine", o, minutes(12));
      if (!engine.naiveAgrees) throw new Error(`at ${n(events)} events the engine and the full replay DISAGREED on a sampled question`);
      const { rebuildEventsPerSec, stateAtP50Ms, stateAtP99Ms, rssMb } = engine;
      points.push({ events, rebuildEventsPerSec, stateAtP50Ms, stateAtP99Ms, appendBatchEventsPerSec, rssMb });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const caption = `Parley, ${run.cpus} cores, Node ${run.node}, ${run.date}, commit ${run.commit ?? "unknown"}`;
  console.log(`How the cost grows (${caption})\n\n${scalingTable(points)}`);
  const out = fileURLToPath(new URL("../../bench-results/", import.meta.url));
  mkdirSync(out, { recursive: true });
  const file = `${out}scaling-${new Date().toISOString().slice(0, 16).replace(":", "")}Z.svg`;
  writeFileSync(file, scalingChart(points, caption));
  writeFileSync(file.replace(/\.svg$/, ".json"), `${JSON.stringify({ run, points }, null, 2)}\n`);
  progress(`chart written to ${file}`);
  progress(`saved as ${saveScaling(`How the cost grows (${caption})\n\n${scalingTable(points)}`, run)}`);
}
