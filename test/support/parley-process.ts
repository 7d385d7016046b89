import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: child processes run the CLI from here, as `npm start` does. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The environment a child gets: this one, less any token or setting a test did not ask for. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PARLEY_")));
  return { ...inherited, ...env };
}

/** `parley <args>` in its own process; resolves when it exits, with everything it printed. */
export function runParley(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, env: childEnv(env) });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** For cleanup after a failed test: a server it never stopped must not outlive the run. */
export function killIfRunning(child: ChildProcessWithoutNullStreams | undefined): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

export interface ParleyServer {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything the server printed so far, stdout and stderr together. */
  output: () => string;
  /** Resolves once the output holds `pattern`. */
  printed: (pattern: RegExp) => Promise<void>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/** `parley serve` in its own process on a free port of 127.0.0.1. */
export function startParleyServer(store: string, env: Record<string, string> = {}): Promise<ParleyServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: ROOT,
    env: childEnv({ PORT: "0", HOST: "127.0.0.1", PARLEY_STORE: store, ...env }),
  });
  let output = "";
  const watchers = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of watchers) w();
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        watchers.delete(check);
        resolve();
      };
      watchers.add(check);
      void exited.then(() => (watchers.delete(check), reject(new Error(`parley serve exited before printing ${pattern}:\n${output}`))));
      check();
    });
  return printed(/serving (http:\/\/\S+)/).then(() => ({
    child,
    url: /serving (http:\/\/\S+)/.exec(output)![1]!,
    output: () => output,
    printed,
    stop: () => (child.kill("SIGTERM"), exited),
  }));
}
