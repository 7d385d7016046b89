import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PhaseOptions, phases } from "./phase.ts";

export type PhaseName = keyof typeof phases;
export type PhaseResult<P extends PhaseName> = Awaited<ReturnType<(typeof phases)[P]>>;

export class PhaseTimeout extends Error {}

/**
 * Runs a phase in a child process; rejects if it fails or outlives `timeoutMs` (then it is
 * killed). The engine phase may collect garbage on demand, to start its query series from
 * the same heap (see parley-engine.ts).
 */
export function runPhase<P extends PhaseName>(name: P, options: PhaseOptions, timeoutMs: number): Promise<PhaseResult<P>> {
  const child = fork(fileURLToPath(new URL("./phase.ts", import.meta.url)), [name, JSON.stringify(options)], {
    execArgv: ["--import", "tsx", ...(name === "engine" ? ["--expose-gc"] : [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let result: PhaseResult<P> | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new PhaseTimeout(`the ${name} phase did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on("message", (message) => (result = message as PhaseResult<P>));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result);
      else reject(new Error(`the ${name} phase failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
