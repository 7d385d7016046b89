/**
 * Runs the console examples of the README and docs/ and writes the real output under each
 * one that no longer matches; `npm test` (test/e2e/docs.test.ts) fails until then. Review the diff:
 * a change in output may be a bug, and trimmed lines (…) need trimming again by hand.
 *
 *   npm run docs:examples [-- FILE...]
 */
import { readdirSync } from "node:fs";
import { matches, runExamples, writeBack } from "../test/support/doc-examples.ts";

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      "README.md",
      ...readdirSync("docs")
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ];
for (const file of files) {
  const examples = await runExamples(file);
  const stale = examples.filter((e) => !matches(e.expected, e.actual!));
  if (stale.length) writeBack(file, stale);
  console.log(`${file}: ${examples.length} examples, ${stale.length} rewritten${stale.length ? ` (lines ${stale.map((e) => e.line).join(", ")})` : ""}`);
}
