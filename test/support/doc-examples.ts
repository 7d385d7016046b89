import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, TOKEN } from "./http-helpers.ts";
import { ROOT } from "./parley-process.ts";

/**
 * The console examples of the README and docs/, run for real: each file gets a fresh SQLite
 * store loaded with the bundled history and a server over it, and its `$ npx parley …` and
 * `$ curl …` lines run in order, in bash, so pipes to jq work. Other commands (`npm ci`,
 * `npm start`, `npm run bench`) are shown, not run: they install, serve forever or take minutes,
 * and have tests of their own.
 *
 * Expected output matches line by line, except that a line ending in "…" matches any line
 * that starts with the text before it (output trimmed on the right), and a line that is
 * just "…" matches any number of lines (output left out).
 */

export interface Example {
  file: string;
  /** 1-based line of the command in the file. */
  line: number;
  command: string;
  expected: string[];
  actual?: string[];
}

/** Commands that ask Parley something; anything else in a console block is shown, not run. */
const RUN = /(^\$ |\| )(npx parley|curl) /;

/** Every example command in `markdown`, with the output written under it. */
export function examplesIn(file: string, markdown: string): Example[] {
  const lines = markdown.split("\n");
  const examples: Example[] = [];
  let inConsole = false;
  let current: Example | undefined;
  lines.forEach((text, i) => {
    if (text.startsWith("```")) {
      inConsole = !inConsole && text.trim() === "```console";
      current = undefined;
      return;
    }
    if (!inConsole) return;
    if (text.startsWith("$ ")) {
      current = RUN.test(text) ? { file, line: i + 1, command: text.slice(2), expected: [] } : undefined;
      if (current) examples.push(current);
    } else current?.expected.push(text);
  });
  for (const e of examples) while (e.expected.length && e.expected[e.expected.length - 1] === "") e.expected.pop();
  return examples;
}

/** True when `actual` is what `expected` shows, with its elisions. */
export function matches(expected: string[], actual: string[]): boolean {
  const go = (i: number, j: number): boolean => {
    if (i === expected.length) return j === actual.length;
    const want = expected[i]!;
    if (want === "…") {
      for (let k = j; k <= actual.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    if (j === actual.length) return false;
    const got = actual[j]!;
    const fits = want.endsWith("…") ? got.startsWith(want.slice(0, -1)) : got === want;
    return fits && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** A store loaded with the bundled history, and the HTTP API over it, for one file's examples. */
async function startRecord(): Promise<{ store: string; url: string; stop: () => Promise<void> }> {
  const server = await startServer({ log: () => undefined });
  return { store: `sqlite:${server.path}`, url: server.url, stop: server.close };
}

/** Runs every example of one markdown file in order; each gets its `actual` output. */
export async function runExamples(file: string): Promise<Example[]> {
  const examples = examplesIn(file, readFileSync(join(ROOT, file), "utf8"));
  if (examples.length === 0) return examples;
  const record = await startRecord();
  try {
    for (const e of examples) {
      const command = e.command.replaceAll("npx parley", `node --import tsx ${join(ROOT, "src/cli/main.ts")}`).replaceAll("localhost:3000", record.url.replace("http://", ""));
      // Asynchronously: the server answering curl runs in this process's event loop.
      const run = await shell(command, { ...withoutParley(process.env), PARLEY_STORE: record.store, TOKEN, COLUMNS: "120" });
      const stderr = run.stderr.split("\n").filter((l) => l && !l.includes("nodedir"));
      e.actual = [
        ...run.stdout
          .replace(/\n$/, "")
          .split("\n")
          .filter((l, i, all) => l !== "" || i < all.length - 1),
        ...stderr,
      ];
      if (run.stdout === "") e.actual = stderr;
    }
  } finally {
    await record.stop();
  }
  return examples;
}

function shell(command: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      resolve({ stdout, stderr });
    });
  });
}

const withoutParley = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("PARLEY_")));

/** Writes each example's actual output back under its command: how the docs are refreshed after a deliberate change. */
export function writeBack(file: string, examples: Example[]): void {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  for (const e of [...examples].reverse()) {
    const from = e.line; // the line after the command
    let to = from;
    while (to < lines.length && !lines[to]!.startsWith("$ ") && !lines[to]!.startsWith("```")) to++;
    const blankBefore = to > from && lines[to - 1] === "" && lines[to]?.startsWith("$ ") ? [""] : [];
    lines.splice(from, to - from, ...(e.actual ?? []), ...blankBefore);
  }
  writeFileSync(join(ROOT, file), lines.join("\n"));
}
