import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { migrate } from "../../src/cli/migrate.ts";
import { ForeignCheckpointError, admit, runCheckpointed, type Phase } from "../../src/engine/checkpointed-subscription.ts";
import { FileCheckpointStore } from "../../src/engine/checkpoints.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import type { EventStore, SubscribeOptions, SubscriptionMessage } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { pending } from "../support/events.ts";
import { WireDouble } from "../support/esdb.wire-double.ts";

const freshDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe("file checkpoint store", () => {
  it("keeps a position across instances, as an exact decimal string, with no temporary file left", async () => {
    const dir = freshDir("parley-checkpoints-");
    const first = new FileCheckpointStore(dir);
    expect(await first.load("dashboard-feed")).toBeUndefined();
    await first.save("dashboard-feed", { position: 41, backend: "sqlite:/a.db" });
    await first.save("dashboard-feed", { position: Number.MAX_SAFE_INTEGER, backend: "sqlite:/a.db" });
    await first.save("audit-log", { position: 7, backend: "eventstoredb:node1:2113/parley" });
    const again = new FileCheckpointStore(dir);
    expect(await again.load("dashboard-feed")).toEqual({ position: Number.MAX_SAFE_INTEGER, backend: "sqlite:/a.db" });
    expect(await again.load("audit-log")).toEqual({ position: 7, backend: "eventstoredb:node1:2113/parley" });
    expect(JSON.parse(readFileSync(join(dir, "dashboard-feed.json"), "utf8")).position).toBe("9007199254740991");
    expect(readdirSync(dir).sort()).toEqual(["audit-log.json", "dashboard-feed.json"]);
  });

  it("refuses a damaged file, a bad name and a bad position", async () => {
    const dir = freshDir("parley-checkpoints-");
    const store = new FileCheckpointStore(dir);
    writeFileSync(join(dir, "torn.json"), '{"position": "12');
    await expect(store.load("torn")).rejects.toThrow(/holds no valid position/);
    writeFileSync(join(dir, "float.json"), '{"position": 12.5}');
    await expect(store.load("float")).rejects.toThrow(/holds no valid position/);
    await expect(store.save("../escape", { position: 1, backend: "memory:x" })).rejects.toThrow(/lower-case slug/);
    await expect(store.save("ok", { position: -1, backend: "memory:x" })).rejects.toThrow(/cannot checkpoint/);
    await expect(store.save("ok", { position: 1.5, backend: "memory:x" })).rejects.toThrow(/cannot checkpoint/);
  });
});

describe("admit (the pure step of a checkpointed consumer)", () => {
  const event = { position: 5 } as StoredEvent;
  it("delivers what is past the checkpoint, drops the rest, and turns live on caught-up", () => {
    expect(admit(4, false, { kind: "event", event })).toEqual({ deliver: event, live: false });
    expect(admit(5, false, { kind: "event", event })).toEqual({ live: false });
    expect(admit(9, true, { kind: "event", event })).toEqual({ live: true });
    expect(admit(5, false, { kind: "caught-up", position: 5 })).toEqual({ live: true });
  });
});

/** The real store, except that its subscription breaks after `failAfter` events or replays from the start. */
function faulty(store: EventStore, fault: { failAfter?: number; replayFromStart?: boolean }): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    async *subscribe(options: SubscribeOptions = {}): AsyncIterable<SubscriptionMessage> {
      let sent = 0;
      for await (const m of store.subscribe(fault.replayFromStart ? { ...options, after: 0 } : options)) {
        yield m;
        if (m.kind === "event" && ++sent === fault.failAfter) throw new Error("connection reset");
      }
    },
  });
}

interface Handled {
  id: string;
  phase: Phase;
}

/** Runs a consumer until it has handled `count` events, then stops it. */
async function consume(store: EventStore, checkpoints: FileCheckpointStore, count: number, log: Handled[], onHandled?: (n: number) => Promise<void>) {
  const stop = new AbortController();
  let handled = 0;
  await runCheckpointed(store, checkpoints, {
    name: "dashboard-feed",
    signal: stop.signal,
    async handle(event, phase) {
      log.push({ id: event.id, phase });
      handled++;
      await onHandled?.(handled);
      if (handled === count) stop.abort();
    },
  });
}

async function appendN(store: EventStore, n: number, tag: string): Promise<string[]> {
  const events = Array.from({ length: n }, (_, i) => pending(`feed-${tag}-${i % 2}`, i));
  for (const e of events) await store.append(e.stream, [e], "any");
  return events.map((e) => e.id);
}

const backends: [string, (path: string) => EventStore][] = [
  ["memory store", () => new MemoryEventStore()],
  ["SQLite store", (path) => new SqliteEventStore(path)],
];

describe.each(backends)("checkpointed consumer over the %s", (name, open) => {
  const opened: EventStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  /** The same record opened again: a new process, for SQLite; the same object, for memory, which keeps nothing. */
  function setup() {
    const path = join(freshDir("parley-feed-"), "parley.db");
    const first = open(path);
    opened.push(first);
    const reopen = () => {
      if (name === "memory store") return first;
      const again = open(path);
      opened.push(again);
      return again;
    };
    return { store: first, reopen, checkpoints: new FileCheckpointStore(freshDir("parley-checkpoints-")) };
  }

  it("stops and restarts from its checkpoint with no event skipped or repeated, then goes live", async () => {
    const { store, reopen, checkpoints } = setup();
    const early = await appendN(store, 6, "early");
    const log: Handled[] = [];
    await consume(store, checkpoints, 4, log);
    expect(log.map((h) => h.id)).toEqual(early.slice(0, 4));
    const late = await appendN(store, 3, "late");

    const restarted = reopen();
    const live: string[] = [];
    await consume(restarted, checkpoints, 6, log, async (n) => {
      // Once the backlog (2 early + 3 late) is handled, a new append arrives as a live event.
      if (n === 5) live.push(...(await appendN(restarted, 1, "live")));
    });
    expect(log.map((h) => h.id)).toEqual([...early, ...late, ...live]);
    expect(log.slice(4, 9).every((h) => h.phase === "catching-up")).toBe(true);
    expect(log[9]!.phase).toBe("live");
  });

  it("restarts after a broken subscription from where it stopped", async () => {
    const { store, reopen, checkpoints } = setup();
    const all = await appendN(store, 7, "broken");
    const log: Handled[] = [];
    await expect(consume(faulty(store, { failAfter: 3 }), checkpoints, 99, log)).rejects.toThrow("connection reset");
    await consume(reopen(), checkpoints, 4, log);
    expect(log.map((h) => h.id)).toEqual(all);
  });

  it("never applies an event twice when the backend re-sends from the start", async () => {
    const { store, checkpoints } = setup();
    const all = await appendN(store, 5, "replay");
    const log: Handled[] = [];
    await consume(store, checkpoints, 2, log);
    await consume(faulty(store, { replayFromStart: true }), checkpoints, 3, log);
    expect(log.map((h) => h.id)).toEqual(all);
  });

  it("does not move past an event whose handler failed: the restart retries that event only", async () => {
    const { store, reopen, checkpoints } = setup();
    const all = await appendN(store, 4, "failing");
    const seen: string[] = [];
    const failing = runCheckpointed(store, checkpoints, {
      name: "dashboard-feed",
      handle(event) {
        seen.push(event.id);
        if (seen.length === 3) throw new Error("projection write failed");
      },
    });
    await expect(failing).rejects.toThrow("projection write failed");
    const log: Handled[] = [];
    await consume(reopen(), checkpoints, 2, log);
    expect(seen).toEqual(all.slice(0, 3));
    expect(log.map((h) => h.id)).toEqual(all.slice(2));
  });
});

describe("a checkpoint carries the record it was taken on", () => {
  it("is refused on another backend after a migration (over the wire-level gRPC test double), handling nothing", async () => {
    const double = await WireDouble.start();
    const esdb = EventStoreDbStore.connect(double.url);
    const ids = await appendN(esdb, 5, "moved");
    const checkpoints = new FileCheckpointStore(freshDir("parley-checkpoints-"));
    await consume(esdb, checkpoints, 5, []);
    // `$all` positions are log offsets, far past anything a fresh SQLite file numbers: resuming there would skip every event.
    const sqlite = new SqliteEventStore(join(freshDir("parley-moved-"), "parley.db"));
    await migrate(esdb, sqlite);
    expect((await checkpoints.load("dashboard-feed"))!.position).toBeGreaterThan(await sqlite.headPosition());
    const log: Handled[] = [];
    await expect(consume(sqlite, checkpoints, ids.length, log)).rejects.toBeInstanceOf(ForeignCheckpointError);
    await expect(consume(sqlite, checkpoints, ids.length, log)).rejects.toThrow(`was saved on ${esdb.identity}, not on ${sqlite.identity}`);
    expect(log).toEqual([]);
    await Promise.all([esdb.close(), sqlite.close()]);
    await double.stop();
  });

  it("is refused on another SQLite file, and when it records no backend at all (written before Parley recorded one)", async () => {
    const first = new SqliteEventStore(join(freshDir("parley-a-"), "parley.db"));
    const second = new SqliteEventStore(join(freshDir("parley-b-"), "parley.db"));
    await appendN(first, 3, "a");
    await appendN(second, 3, "b");
    const dir = freshDir("parley-checkpoints-");
    const checkpoints = new FileCheckpointStore(dir);
    await consume(first, checkpoints, 2, []);
    await expect(consume(second, checkpoints, 1, [])).rejects.toBeInstanceOf(ForeignCheckpointError);
    writeFileSync(join(dir, "dashboard-feed.json"), JSON.stringify({ name: "dashboard-feed", position: "2" }));
    await expect(consume(first, checkpoints, 1, [])).rejects.toThrow(/unrecorded backend/);
    await Promise.all([first.close(), second.close()]);
  });

  it("is taken up again on the same file opened anew", async () => {
    const path = join(freshDir("parley-same-"), "parley.db");
    const store = new SqliteEventStore(path);
    const ids = await appendN(store, 3, "same");
    const checkpoints = new FileCheckpointStore(freshDir("parley-checkpoints-"));
    await consume(store, checkpoints, 2, []);
    await store.close();
    const again = new SqliteEventStore(path);
    const log: Handled[] = [];
    await consume(again, checkpoints, 1, log);
    expect(log.map((h) => h.id)).toEqual([ids[2]]);
    await again.close();
  });
});
