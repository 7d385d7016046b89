import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { seed } from "../../src/history.ts";
import { seededFile } from "../support/chronicle.ts";
import { createApp } from "../../src/http/app.ts";
import { GENESIS } from "../../src/store/chain.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { pending, stanceInput } from "../support/events.ts";
import { runParley } from "../support/parley-process.ts";
import { writeOldStore } from "../support/old-stores.ts";
import { bundledHistory } from "../../src/history.ts";
const BUNDLED = bundledHistory().length;

const dir = mkdtempSync(join(tmpdir(), "parley-tamper-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `store-${++n}.db`);

const seeded = seededFile;

/** Plain SQL on the file, behind Parley's back. */
function sql(path: string, statement: string): void {
  const db = new Database(path);
  try {
    db.exec(statement);
  } finally {
    db.close();
  }
}

const verify = (path: string) => runParley(["verify"], { PARLEY_STORE: `sqlite:${path}` });

describe("the hash chain", () => {
  it("verifies an untouched store, and names the position of one row edited with plain SQL", async () => {
    const path = freshPath();
    await seeded(path);
    const clean = await verify(path);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain(`verified ${BUNDLED} events`);

    sql(
      path,
      "UPDATE events SET body = replace(body, '\"supports\"', '\"opposes\"') WHERE position = (SELECT min(position) FROM events WHERE body LIKE '%\"supports\"%' AND position > 20)",
    );
    const edited = new Database(path, { readonly: true }).prepare("SELECT min(position) AS p FROM events WHERE body LIKE '%\"opposes\"%' AND position > 20").get() as { p: number };
    const tampered = await verify(path);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`chain broken at position ${edited.p}:`);
    expect(tampered.stderr).toContain(`positions 1 to ${edited.p - 1} verify`);
  });

  it("names the position after a row deleted with plain SQL, and a recorded time moved", async () => {
    const path = freshPath();
    await seeded(path);
    sql(path, "DELETE FROM events WHERE position = 30");
    expect((await verify(path)).stderr).toContain("chain broken at position 31: position 30 is missing");

    const other = freshPath();
    await seeded(other);
    sql(other, "UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = 12");
    expect((await verify(other)).stderr).toContain("chain broken at position 12");
  });

  it("gives the same events the same hashes in the SQLite and the memory store, and any change a new head", async () => {
    const sqlite = new SqliteEventStore(freshPath());
    const memory = new MemoryEventStore();
    const events = [pending("a", 1), pending("b", 2), pending("a", 3)].map((e) => ({ ...e, recordedAt: "2025-12-06T10:00:00.000Z" }));
    expect(await sqlite.headHash()).toBe(GENESIS);
    for (const store of [sqlite, memory]) {
      await store.append("a", [events[0]!], "any");
      await store.appendMany([
        { stream: "b", events: [events[1]!], expected: "any" },
        { stream: "a", events: [events[2]!], expected: "any" },
      ]);
    }
    expect(await sqlite.headHash()).toMatch(/^[0-9a-f]{64}$/);
    expect(await sqlite.headHash()).toBe(await memory.headHash());

    const changed = new MemoryEventStore();
    await changed.append("a", [events[0]!], "any");
    await changed.append("b", [{ ...events[1]!, recordedAt: "2025-12-06T10:00:01.000Z" }], "any");
    await changed.append("a", [events[2]!], "any");
    expect(await changed.headHash()).not.toBe(await memory.headHash());
    await sqlite.close();
  });

  it("chains the events of a store written before the chain on upgrade, and says from where it holds", async () => {
    const current = freshPath();
    await seeded(current);
    const before = await verify(current);
    const head = /head hash ([0-9a-f]{64})/.exec(before.stdout)![1];
    // The same events in the layout of a store from before the chain: no hash column, no meta table, no application id.
    const path = freshPath();
    const reader = new SqliteEventStore(current);
    const events = [];
    for await (const page of reader.readAll()) events.push(...page);
    await reader.close();
    writeOldStore(path, 0, events);

    const upgraded = await verify(path);
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).toContain(`head hash ${head}`);
    expect(upgraded.stdout).toMatch(new RegExp(`positions 1 to ${BUNDLED} were stored before the chain existed and chained on upgrade at \\d{4}-\\d\\d-\\d\\dT`));

    const store = new SqliteEventStore(path);
    await store.append("later", [pending("later", 1)], "any");
    await store.close();
    const after = await verify(path);
    expect(after.stdout).toContain(`verified ${BUNDLED + 1} events`);
    expect(after.stdout).toContain(`positions 1 to ${BUNDLED} were stored before the chain existed`);
  });

  it("shows the head hash on /healthz beside the fields it always had, and moves it with each write", async () => {
    const store = new SqliteEventStore(freshPath());
    const chronicle = await Chronicle.open(store, { follow: true, defaultNegotiation: "ukraine-2025" });
    await seed(chronicle);
    const server = createApp(chronicle, { token: "a-token-long-enough-to-use" }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const first = await (await fetch(`${url}/healthz`)).json();
      expect(first).toMatchObject({ status: "ok", position: BUNDLED, events: BUNDLED, headHash: await store.headHash() });
      await chronicle.record([stanceInput()]);
      const second = await (await fetch(`${url}/healthz`)).json();
      expect(second.headHash).toMatch(/^[0-9a-f]{64}$/);
      expect(second.headHash).not.toBe(first.headHash);
      // Published at the bundled history's head, provable later however far the record has grown.
      const later = await runParley(["verify", "--at", String(BUNDLED)], { PARLEY_STORE: `sqlite:${store.path}` });
      expect(later.stdout).toContain(`hash at position ${BUNDLED}: ${first.headHash}`);
      expect((await runParley(["verify", "--at", String(BUNDLED + 2)], { PARLEY_STORE: `sqlite:${store.path}` })).stderr).toContain(
        `--at ${BUNDLED + 2}: the store holds only ${BUNDLED + 1} events`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await chronicle.close();
      await store.close();
    }
  });
});

describe("the chain across export, import and migrate", () => {
  it("carries it through export and import: the copy has the same head hash", async () => {
    const source = freshPath();
    await seeded(source);
    const file = join(dir, "export.ndjson");
    expect((await runParley(["export", file], { PARLEY_STORE: `sqlite:${source}` })).code).toBe(0);
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);

    const copy = freshPath();
    const imported = await runParley(["import", file], { PARLEY_STORE: `sqlite:${copy}` });
    expect(imported.stdout).toContain(`the export's hash chain holds (its head hash ${lines.at(-1).hash})`);
    expect((await verify(copy)).stdout).toContain(`head hash ${lines.at(-1).hash}`);
  });

  it("refuses an export with an edited line, naming the line, and imports nothing", async () => {
    const source = freshPath();
    await seeded(source);
    const exported = (await runParley(["export"], { PARLEY_STORE: `sqlite:${source}` })).stdout.trim().split("\n");
    const edited = [...exported];
    edited[9] = edited[9]!.replace(/"quote":"([^"]{5})/, '"quote":"$1 (edited)');
    expect(edited[9]).not.toBe(exported[9]);
    const file = join(dir, "edited.ndjson");
    writeFileSync(file, edited.join("\n") + "\n");
    const target = freshPath();
    const refused = await runParley(["import", file], { PARLEY_STORE: `sqlite:${target}` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("line 10: the export's hash chain breaks here");
    expect((await runParley(["export"], { PARLEY_STORE: `sqlite:${target}` })).stdout).toBe("");
  });

  it("carries it through migrate, and refuses to copy a record whose chain is broken", async () => {
    const source = freshPath();
    await seeded(source);
    const target = freshPath();
    const migrated = await runParley(["migrate", "--from", `sqlite:${source}`, "--to", `sqlite:${target}`]);
    const head = /head hash ([0-9a-f]{64}) on both/.exec(migrated.stdout)?.[1];
    expect(head).toBeDefined();
    expect((await verify(target)).stdout).toContain(`head hash ${head}`);

    sql(source, "UPDATE events SET body = replace(body, 'a', 'A') WHERE position = 5");
    const again = freshPath();
    const refused = await runParley(["migrate", "--from", `sqlite:${source}`, "--to", `sqlite:${again}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("chain broken at position 5");
    expect(refused.stderr).toContain("nothing was copied");
  });
});
