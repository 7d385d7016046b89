import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { SseClient } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, runParley, startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { bundledHistory } from "../../src/history.ts";
const BUNDLED = bundledHistory().length;

/**
 * A real full disk: a 4 MiB tmpfs holding the store, filled up with a file beside it.
 * Mounting needs root; elsewhere the test says so and is skipped.
 */
const scratch = mkdtempSync(join(tmpdir(), "parley-full-disk-"));
const disk = join(scratch, "disk");
let mounted = false;
try {
  mkdirSync(disk);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", disk], { stdio: "pipe" });
  mounted = true;
} catch (err) {
  const why = err instanceof Error ? err.message.split("\n")[0]! : String(err);
  console.log(`SKIP test/integration/full-disk.test.ts: cannot mount a small tmpfs to fill (${why}); run as root to test a full disk`);
}

const TOKEN = "full-disk-test-token-long-enough";
let server: ParleyServer | undefined;
afterAll(() => {
  killIfRunning(server?.child);
  if (mounted) execFileSync("umount", ["-l", disk]);
  rmSync(scratch, { recursive: true, force: true });
});

const append = (url: string, id: string) =>
  fetch(`${url}/api/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(stanceInput({ id, speaker: `speaker ${id}` })),
  });

/** Writes zeros into `path` until the disk refuses more. */
function fillDisk(path: string): void {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(16 * 1024);
  try {
    for (let i = 0; i < 10_000; i++) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!mounted)("a full disk under parley serve", () => {
  it("refuses appends with 507 and the CLI names the cause, writes nothing half-way, keeps reads and SSE going, and takes appends again once space returns", async () => {
    const path = join(disk, "parley.db");
    server = await startParleyServer(`sqlite:${path}`, { PARLEY_API_TOKEN: TOKEN, PARLEY_WRITE_RATE_LIMIT: "1000000", PARLEY_NEGOTIATION: "ukraine-2025" });
    const sse = await SseClient.open(`${server.url}/api/subscribe`);
    await sse.until((c) => c.messages.some((m) => m.event === "ready"));

    const acked: string[] = [];
    const refused: string[] = [];
    // Room for a few appends, then none: the disk fills up while the server runs.
    writeFileSync(join(disk, "reserve"), Buffer.alloc(128 * 1024));
    fillDisk(join(disk, "filler"));
    rmSync(join(disk, "reserve"));
    let full: Response | undefined;
    for (let i = 0; i < 2000 && !full; i++) {
      const id = randomUUID();
      const res = await append(server.url, id);
      if (res.status === 201) acked.push(id);
      else {
        refused.push(id);
        full = res;
      }
    }
    expect(acked.length).toBeGreaterThan(0);
    expect(full?.status).toBe(507);
    expect((await full!.json()).error).toBe("the store is full (database or disk is full): nothing was written; free disk space, then retry");

    // The command line says the same, and writes nothing either.
    const file = join(scratch, "one.json");
    const cliId = randomUUID();
    writeFileSync(file, JSON.stringify(stanceInput({ id: cliId })));
    const cli = await runParley(["append", file, "--negotiation", "ukraine-2025"], { PARLEY_STORE: `sqlite:${path}` });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split("\n").at(-1)).toBe("parley: the store is full (database or disk is full): nothing was written; free disk space, then retry");
    refused.push(cliId);

    // Reads and the live stream still answer.
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", position: BUNDLED + acked.length });
    expect((await fetch(`${server.url}/api/state`)).status).toBe(200);
    await sse.until((c) => acked.every((id) => c.messages.some((m) => m.data?.event?.id === id)));
    expect(sse.ended).toBe(false);

    // Space returns: the next append is taken and streamed.
    rmSync(join(disk, "filler"));
    const after = randomUUID();
    expect((await append(server.url, after)).status).toBe(201);
    acked.push(after);
    await sse.until((c) => c.messages.some((m) => m.data?.event?.id === after));
    expect(await server.stop()).toBe(0);

    const store = new SqliteEventStore(path);
    const ids: string[] = [];
    for await (const batch of store.readAll()) ids.push(...batch.map((e) => e.id));
    await store.close();
    expect(ids.slice(BUNDLED)).toEqual(acked);
    expect(ids.filter((id) => refused.includes(id))).toEqual([]);
    const verify = await runParley(["verify"], { PARLEY_STORE: `sqlite:${path}` });
    expect(verify.stdout).toContain(`verified ${BUNDLED + acked.length} events`);
  });
});
