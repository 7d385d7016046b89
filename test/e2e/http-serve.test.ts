import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SseClient } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { BUNDLED_NEGOTIATION, bundledHistory } from "../../src/history.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `parley serve` as `npm start` runs it, in its own process, on a free port, with no token configured. */
function startParley(env: Record<string, string> = {}): Promise<Running> {
  const { PARLEY_API_TOKEN: _, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    env: { ...inherited, PORT: "0", HOST: "127.0.0.1", PARLEY_STORE: `sqlite:${join(dir, "parley.db")}`, PARLEY_NEGOTIATION: BUNDLED_NEGOTIATION, ...env },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output, exited });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    void exited.then((code) => reject(new Error(`parley serve exited (${code}) before listening:\n${output}`)));
  });
}

describe("parley serve", () => {
  it("seeds an empty store, keeps a generated token beside the database without printing it, and shuts down cleanly", async () => {
    const parley = await startParley();
    const tokenFile = join(dir, "api-token");
    const token = readFileSync(tokenFile, "utf8").trim();
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(parley.output()).toContain(`first start: loaded ${bundledHistory().length} events of bundled history`);
    expect(parley.output()).toContain(`stored in ${tokenFile}`);
    expect(parley.output()).not.toContain(token);
    expect(
      parley
        .output()
        .split("\n")
        .filter((l) => l.includes(parley.url)),
    ).toHaveLength(1);

    expect(await (await fetch(`${parley.url}/healthz`)).json()).toMatchObject({ status: "ok", position: bundledHistory().length });
    const write = await fetch(`${parley.url}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(stanceInput()),
    });
    expect(write.status).toBe(201);

    const stream = await SseClient.open(`${parley.url}/api/subscribe`);
    await stream.until((c) => c.messages.some((m) => m.event === "ready"));
    parley.child.kill("SIGTERM");
    await stream.until((c) => c.ended);
    expect(stream.messages.at(-1)?.event).toBe("shutdown");
    expect(await parley.exited).toBe(0);
    expect(parley.output()).toContain("stopped");
  });

  it("on the next start keeps the stored events and the token, and seeds nothing", async () => {
    const parley = await startParley();
    const token = readFileSync(join(dir, "api-token"), "utf8").trim();
    expect(parley.output()).not.toContain("first start");
    expect(await (await fetch(`${parley.url}/healthz`)).json()).toMatchObject({ position: bundledHistory().length + 1 });
    const write = await fetch(`${parley.url}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(stanceInput()),
    });
    expect(write.status).toBe(201);
    parley.child.kill("SIGINT");
    expect(await parley.exited).toBe(0);
  });

  it("uses PARLEY_API_TOKEN when it is set, and names only the variable", async () => {
    const parley = await startParley({ PARLEY_API_TOKEN: "from-the-environment" });
    expect(parley.output()).toContain("PARLEY_API_TOKEN");
    expect(parley.output()).not.toContain("from-the-environment");
    const stored = await fetch(`${parley.url}/api/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${readFileSync(join(dir, "api-token"), "utf8").trim()}`, "content-type": "application/json" },
      body: JSON.stringify(stanceInput()),
    });
    expect(stored.status).toBe(403);
    const configured = await fetch(`${parley.url}/api/events`, {
      method: "POST",
      headers: { authorization: "Bearer from-the-environment", "content-type": "application/json" },
      body: JSON.stringify(stanceInput()),
    });
    expect(configured.status).toBe(201);
    parley.child.kill("SIGTERM");
    expect(await parley.exited).toBe(0);
  });
});
