import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEvent, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import { checkChain } from "../../src/store/chain.ts";
import { DuplicateEventIdError, VersionConflictError } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { analystSource, pending, stanceInput } from "../support/events.ts";
import { rowsOf, writeOldStore } from "../support/old-stores.ts";
import { runParley } from "../support/parley-process.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-upgrade-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `store-${++n}.db`);

const STREAMS = ["party-europe", "party-russia", "plans", "meetings", "party-us"];

/** Events over a few streams, some with a repaired quote unlike the original, one a copy that keeps its recordedAt. */
function history(count: number): PendingEvent[] {
  const dirty = { ...analystSource, quote: "Kyivâ€™s envoy said so." };
  return Array.from({ length: count }, (_, i) => {
    const stream = STREAMS[i % STREAMS.length]!;
    const e = { ...parseEvent({ ...stanceInput({ speaker: `speaker ${i}` }), sources: i % 7 === 0 ? [analystSource, dirty] : [analystSource] }), stream };
    return i === 3 ? { ...e, recordedAt: "2024-03-01T10:00:00.000Z" } : e;
  });
}

async function readAll(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const page of store.readAll()) out.push(...page);
  return out;
}

const schemaOf = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: db.pragma("user_version", { simple: true }),
      indexes: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events'").pluck().all(),
      columns: db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all(),
    };
  } finally {
    db.close();
  }
};

describe("a store an older Parley wrote, opened by this one", () => {
  it("upgrades a schema-1 file in place: every event, position and hash byte for byte, the chain verifying, ids and versions still checked", async () => {
    const path = freshPath();
    const events = history(300);
    const before = writeOldStore(path, 1, events);
    expect(schemaOf(path).indexes).toHaveLength(2);

    const store = new SqliteEventStore(path);
    expect(schemaOf(path)).toEqual({ version: 2, indexes: [], columns: ["position", "id", "stream", "stream_version", "recorded_at", "body", "hash"] });
    expect(rowsOf(path)).toEqual(before);
    const chain = await checkChain(store.links());
    expect(chain).toEqual({ checked: 300, head: before.at(-1)!.hash });
    expect(await store.chainedLate()).toBeUndefined();

    const read = await readAll(store);
    expect(read.map((e) => [e.position, e.id, e.stream, e.streamVersion, e.recordedAt])).toEqual(before.map((r) => [r.position, r.id, r.stream, r.streamVersion, r.recordedAt]));
    expect(read.map((e) => e.sources)).toEqual(events.map((e) => e.sources));
    expect((await store.findById(events[3]!.id))?.recordedAt).toBe("2024-03-01T10:00:00.000Z");

    // Ids stored before the upgrade are still taken, and a retry of one is still recognised.
    const clash = { ...pending("party-europe", 9), id: events[10]!.id };
    await expect(store.append("party-europe", [clash], "any")).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.append(events[10]!.stream, [events[10]!], "any")).toEqual({ position: 11, streamVersion: 2, duplicates: 1 });
    // Each stream's version is where the old file left it.
    const stale = await store.append("party-europe", [pending("party-europe", 1)], 58).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect((stale as VersionConflictError).actual).toBe(59);
    expect(await store.append("party-europe", [pending("party-europe", 2)], 59)).toEqual({ position: 301, streamVersion: 60, duplicates: 0 });
    expect(await store.append("fresh", [pending("fresh", 3)], "no_stream")).toEqual({ position: 302, streamVersion: 0, duplicates: 0 });
    await store.close();

    // Opened again, nothing is upgraded twice, and the whole file verifies from the command line.
    const again = new SqliteEventStore(path);
    expect(rowsOf(path).slice(0, 300)).toEqual(before);
    await again.close();
    const verified = await runParley(["verify"], { PARLEY_STORE: `sqlite:${path}` });
    expect(verified.stdout).toContain("verified 302 events");
    expect(verified.code).toBe(0);
  });

  it("upgrades a store from before the chain: chains every event on the way, and says from where the chain proves anything", async () => {
    const path = freshPath();
    const events = history(40);
    const before = writeOldStore(path, 0, events);
    // The same events written with the chain: the hashes the upgrade must give them.
    const chained = writeOldStore(
      freshPath(),
      1,
      events.map((e, i) => ({ ...e, recordedAt: before[i]!.recordedAt })),
    );

    const store = new SqliteEventStore(path);
    expect(schemaOf(path).version).toBe(2);
    expect(rowsOf(path)).toEqual(chained);
    expect(await checkChain(store.links())).toEqual({ checked: 40, head: chained.at(-1)!.hash });
    expect((await store.chainedLate())?.position).toBe(40);
    await store.append("party-europe", [pending("party-europe", 1)], 7);
    await store.close();
  });
});
