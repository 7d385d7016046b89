import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Results } from "./report.ts";

/** Where runs are kept: docs/performance.md cites these files rather than copying their figures. */
const DIR = fileURLToPath(new URL("../../docs/bench/", import.meta.url));

/**
 * Writes the run's figures (`.json`, the object `--json` prints) and its table (`.md`)
 * under docs/bench/, named by when it ran, the commit and the size:
 * `2026-11-30T1142Z-abc1234-1000000.json`. Returns the two paths.
 */
export function saveRun(results: Results, table: string): string[] {
  mkdirSync(DIR, { recursive: true });
  const at = new Date().toISOString().slice(0, 16).replace(":", "");
  const commit = (results.run.commit ?? "unknown").replace(" (with uncommitted changes)", "-dirty");
  const base = `${DIR}${at}Z-${commit}-${results.events}`;
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, `# Benchmark run ${at}Z\n\n\`npm run bench -- ${process.argv.slice(2).join(" ")}\`\n\n\`\`\`\n${table}\n\`\`\`\n`);
  return [`${base}.json`, `${base}.md`];
}
