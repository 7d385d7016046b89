import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { examplesIn, matches, runExamples } from "../support/doc-examples.ts";

const files = [
  "README.md",
  ...readdirSync(new URL("../../docs/", import.meta.url))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("the docs' console examples are real output", () => {
  it("knows what a match is: exact lines, a trailing … trims a line, a lone … skips lines", () => {
    expect(matches(["a", "b…", "…", "z"], ["a", "bcd", "x", "y", "z"])).toBe(true);
    expect(matches(["a", "b"], ["a", "c"])).toBe(false);
    expect(matches(["a"], ["a", "extra"])).toBe(false);
    expect(examplesIn("x.md", "```console\n$ npx parley seed\nseeded\n$ npm start\nignored\n```\n```sh\n$ npx parley state\n```")).toEqual([
      { file: "x.md", line: 2, command: "npx parley seed", expected: ["seeded"] },
    ]);
  });

  // A file runs each of its commands as a user would (cli.md starts 16 `npx parley` processes): minutes on a loaded 2-core machine.
  it.each(files)("%s", { timeout: 300_000 }, async (file) => {
    const examples = await runExamples(file);
    for (const e of examples)
      expect(
        matches(e.expected, e.actual!),
        `${file}:${e.line} $ ${e.command}\n--- printed:\n${e.actual!.join("\n")}\n--- the doc shows:\n${e.expected.join("\n")}\n(npm run docs:examples rewrites what no longer matches)`,
      ).toBe(true);
  });
});
