import { jsonEvent } from "@eventstore/db-client";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { migrate } from "../../src/cli/migrate.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { seed } from "../../src/history.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { openStore } from "../../src/store/open.ts";
import type { EventStore } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { describeStoreContract } from "../support/store-contract.ts";
import { findEventStore, startEventStore } from "../support/esdb.reachable.ts";
import { samples } from "../support/esdb.samples.ts";

const target = await findEventStore();
if (target.kind === "none") console.log(`skipped: no EventStoreDB reachable (${target.why})`);

async function readAllOf(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll()) out.push(...batch);
  return out;
}

describe.skipIf(target.kind === "none")("EventStoreDB backend against a live server", () => {
  let url = "";
  let stopServer = async () => {};
  beforeAll(async () => {
    if (target.kind === "url") url = target.url;
    else ({ url, stop: stopServer } = await startEventStore());
  }, 300_000);
  afterAll(() => stopServer());

  // Each store has a namespace of its own, so each test starts from an empty record even on a shared server.
  const connect = (namespace = `t-${randomUUID()}`) => EventStoreDbStore.connect(url, { namespace });
  describeStoreContract("eventstoredb", {
    create: async () => connect(),
    reopen: async (store) => {
      const { namespace } = (store as EventStoreDbStore).options;
      await store.close();
      return connect(namespace);
    },
  });

  describe("beyond the contract", () => {
    const opened: EventStore[] = [];
    const open = <S extends EventStore>(store: S): S => (opened.push(store), store);
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it("stores every event type of the catalogue losslessly", async () => {
      const store = open(connect());
      const events = samples();
      for (const e of events) await store.append(e.stream, [e], "any");
      const read = await readAllOf(store);
      expect(read.map(({ position: _p, streamVersion: _v, recordedAt: _r, ...envelope }) => envelope)).toEqual(events);
      for (const e of read) expect(await store.findById(e.id)).toEqual(e);
    });

    it("leaves system and foreign events out of reads and subscriptions", async () => {
      const store = open(connect());
      const [event] = samples();
      await store.append(event!.stream, [event!], "any");
      // Stream metadata is a system event ($metadata in $$stream); the other is another application's.
      const { EventStoreDBClient } = await import("@eventstore/db-client");
      const client = EventStoreDBClient.connectionString(url);
      await client.setStreamMetadata(`${store.options.namespace}/${event!.stream}`, { maxAge: 86_400 });
      await client.appendToStream(`${store.options.namespace}/orders-1`, jsonEvent({ type: "OrderPlaced", data: { total: 3 } }));
      await client.dispose();
      expect((await readAllOf(store)).map((e) => e.id)).toEqual([event!.id]);
      const got: string[] = [];
      for await (const m of store.subscribe()) {
        if (m.kind === "caught-up") break;
        got.push(m.event.id);
      }
      expect(got).toEqual([event!.id]);
    });

    it("migrates the embedded file into EventStoreDB and back, copying nothing twice", async () => {
      const sourcePath = join(mkdtempSync(join(tmpdir(), "parley-esdb-")), "parley.db");
      const source = open(new SqliteEventStore(sourcePath));
      const chronicle = await Chronicle.open(source, { follow: false });
      await seed(chronicle);
      const esdb = open(connect());
      const copied = await migrate(source, esdb);
      expect(copied.copied).toBe(chronicle.events.length);
      expect((await migrate(source, esdb)).copied).toBe(0);
      const back = open(new SqliteEventStore(join(mkdtempSync(join(tmpdir(), "parley-esdb-")), "parley.db")));
      await migrate(esdb, back);
      // Positions differ (log offsets on EventStoreDB, counters in SQLite); the state does not.
      const state = async (store: EventStore) => {
        const { position: _position, ...rest } = (await Chronicle.open(store, { follow: false })).asOf().state("2025-12-31");
        return rest;
      };
      expect(await state(esdb)).toEqual(await state(source));
      expect(await state(back)).toEqual(await state(source));
    });

    it("follows live appends in the engine through the catch-up subscription", async () => {
      const store = open(connect());
      const chronicle = await Chronicle.open(store);
      const heard: string[] = [];
      chronicle.onEvent((e) => heard.push(e.id));
      const writer = open(connect(store.options.namespace));
      const [event] = samples();
      await writer.append(event!.stream, [event!], "any");
      await expect.poll(() => heard, { timeout: 10_000 }).toEqual([event!.id]);
      await chronicle.close();
    });

    it("is what PARLEY_STORE=esdb://… opens", async () => {
      const store = open(await openStore(url));
      expect(store).toBeInstanceOf(EventStoreDbStore);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(0);
    });
  });
});
