import Database from "better-sqlite3";
import { randomUUID, createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Link } from "../../src/store/chain.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, runParley, startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { bundledHistory } from "../../src/history.ts";
const BUNDLED = bundledHistory().length;

const dir = mkdtempSync(join(tmpdir(), "parley-backup-"));
const TOKEN = "backup-test-token-long-enough";
let server: ParleyServer | undefined;
afterAll(() => {
  killIfRunning(server?.child);
  rmSync(dir, { recursive: true, force: true });
});

const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

async function linksOf(path: string): Promise<Link[]> {
  const store = new SqliteEventStore(path);
  const all: Link[] = [];
  for await (const batch of store.links()) all.push(...batch);
  await store.close();
  return all;
}

/** Appends one event at a time through the API until told to stop; records each acknowledged id in order. */
function writer(url: string, acked: string[], stop: { now: boolean }): Promise<void> {
  return (async () => {
    for (let i = 0; i < 5000 && !stop.now; i++) {
      const id = randomUUID();
      const res = await fetch(`${url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(stanceInput({ id, speaker: `writer ${i}` })),
      });
      if (res.status !== 201) throw new Error(`append answered ${res.status}: ${await res.text()}`);
      acked.push(id);
    }
  })();
}

const waitFor = async (ready: () => boolean) => {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
};

describe("parley backup and restore", () => {
  it("backs up while parley serve takes writes; the restored store holds every event acknowledged before, and verifies", async () => {
    const live = join(dir, "live.db");
    server = await startParleyServer(`sqlite:${live}`, { PARLEY_API_TOKEN: TOKEN, PARLEY_WRITE_RATE_LIMIT: "1000000", PARLEY_NEGOTIATION: "ukraine-2025" });
    const acked: string[] = [];
    const stop = { now: false };
    const writers = [0, 1, 2, 3].map(() => writer(server!.url, acked, stop));
    await waitFor(() => acked.length >= 100);

    const before = new Set(acked);
    const file = join(dir, "backup.db");
    const backup = await runParley(["backup", file], { PARLEY_STORE: `sqlite:${live}` });
    const during = acked.length - before.size;
    await waitFor(() => acked.length >= before.size + during + 20);
    stop.now = true;
    await Promise.all(writers);
    expect(await server.stop()).toBe(0);

    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^backed up \d+ events to .*backup\.db; verified; head hash [0-9a-f]{64}\n$/);
    expect(during).toBeGreaterThan(0); // the writers kept writing while the backup ran

    const restored = join(dir, "restored.db");
    const restore = await runParley(["restore", file], { PARLEY_STORE: `sqlite:${restored}` });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const verify = await runParley(["verify"], { PARLEY_STORE: `sqlite:${restored}` });
    expect(verify.code).toBe(0);

    const copy = await linksOf(restored);
    const ids = new Set(copy.map((l) => l.event.id));
    expect([...before].filter((id) => !ids.has(id))).toEqual([]);
    // A consistent copy is a prefix of the live log, link for link.
    const original = await linksOf(live);
    expect(copy.length).toBeGreaterThanOrEqual(BUNDLED + before.size);
    expect(copy).toEqual(original.slice(0, copy.length));
    expect(original.length).toBe(BUNDLED + acked.length);
  });

  it("refuses to restore over a store that holds events unless forced, and leaves that store as it was", async () => {
    const file = join(dir, "backup.db");
    const target = join(dir, "restored.db");
    const before = digest(target);
    const refused = await runParley(["restore", file], { PARLEY_STORE: `sqlite:${target}` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the store .*restored\.db holds \d+ events; restoring would replace them: pass --force to do so/);
    expect(digest(target)).toBe(before);

    const forced = await runParley(["restore", file, "--force"], { PARLEY_STORE: `sqlite:${target}` });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/restored \d+ events from .* \(replacing \d+ events\); verified/);
  });

  it("refuses a backup whose copy fails verification, and never creates the store", async () => {
    const tampered = join(dir, "tampered.db");
    copyFileSync(join(dir, "backup.db"), tampered);
    const db = new Database(tampered);
    // One of the writers' events, after the bundled history.
    db.exec(`UPDATE events SET body = replace(body, 'writer', 'someone') WHERE position = ${BUNDLED + 6}`);
    db.close();
    const target = join(dir, "never.db");
    const refused = await runParley(["restore", tampered], { PARLEY_STORE: `sqlite:${target}` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`fails verification: chain broken at position ${BUNDLED + 6}`);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.restoring`)).toBe(false);
  });

  it("refuses to back up over an existing file, and to back up a store that is not a SQLite file", async () => {
    const existing = await runParley(["backup", join(dir, "backup.db")], { PARLEY_STORE: `sqlite:${join(dir, "live.db")}` });
    expect(existing.stderr).toContain("backup.db already exists; choose a new name for the backup");
    const memory = await runParley(["backup", join(dir, "other.db")], { PARLEY_STORE: "memory" });
    expect(memory.stderr).toContain("backup and restore work on a sqlite:PATH store, not 'memory'");
  });
});
