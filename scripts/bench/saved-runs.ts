import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Results } from "./report.ts";

/** Where runs are kept: docs/performance.md cites these files rather than copying their figures. */
const DIR = fileURLToPath(new URL("../../docs/bench/", import.meta.url));

/** Names a saved run by when it ran and the commit it measured: `docs/bench/2026-11-30T1142Z-abc1234`, and the heading of its table. */
function stamped(commit: string | null, kind: string, table: string): { base: string; markdown: string } {
  mkdirSync(DIR, { recursive: true });
  const at = new Date().toISOString().slice(0, 16).replace(":", "");
  const base = `${DIR}${at}Z-${(commit ?? "unknown").replace(" (with uncommitted changes)", "-dirty")}`;
  return { base, markdown: `# ${kind} run ${at}Z\n\n\`npm run bench -- ${process.argv.slice(2).join(" ")}\`\n\n\`\`\`\n${table}\n\`\`\`\n` };
}

/**
 * Writes the run's figures (`.json`, the object `--json` prints) and its table (`.md`)
 * under docs/bench/, named by when it ran, the commit and the size:
 * `2026-11-30T1142Z-abc1234-1000000.json`. Returns the two paths.
 */
export function saveRun(results: Results, table: string): string[] {
  const { base, markdown } = stamped(results.run.commit, "Benchmark", table);
  writeFileSync(`${base}-${results.events}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}-${results.events}.md`, markdown);
  return [`${base}-${results.events}.json`, `${base}-${results.events}.md`];
}

/** A `--scaling` run's table, beside the full runs: `2026-11-30T1241Z-abc1234-scaling.md`. */
export function saveScaling(table: string, run: { commit: string | null }): string {
  const { base, markdown } = stamped(run.commit, "Scaling", table);
  writeFileSync(`${base}-scaling.md`, markdown);
  return `${base}-scaling.md`;
}
