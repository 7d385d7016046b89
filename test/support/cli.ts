import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;

/** Runs the real CLI in its own process, as a user would. */
export function parley(args: string[], options: { input?: string } = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    input: options.input,
    env: { ...process.env, PARLEY_STORE: "" },
    timeout: 60_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr
      .split("\n")
      .filter((l) => !l.includes("nodedir"))
      .join("\n"),
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "parley-cli-"));
}
