import { UnavailableError } from "@eventstore/db-client";
import { afterEach, describe, expect, it } from "vitest";
import { isTransient } from "../../src/store/eventstoredb/errors.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { openStore } from "../../src/store/open.ts";
import type { EventStore, SubscriptionMessage } from "../../src/store/port.ts";
import { pending } from "../support/events.ts";

// Port 1 on the loopback refuses connections at once: the real client, failing as it does when a node is down.
const NOBODY = "esdb://127.0.0.1:1?tls=false";

describe("EventStoreDB adapter with the server down", () => {
  const opened: EventStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  it("is what PARLEY_STORE=esdb://… opens, and rejects a malformed connection string", async () => {
    const store = await openStore(NOBODY);
    opened.push(store);
    expect(store).toBeInstanceOf(EventStoreDbStore);
    await expect(openStore("esdb://")).rejects.toThrow();
  });

  it("fails reads and appends with the client's UnavailableError instead of hanging", async () => {
    const store = EventStoreDbStore.connect(NOBODY);
    opened.push(store);
    await expect(store.headPosition()).rejects.toBeInstanceOf(UnavailableError);
    await expect(store.append("plan-x", [pending("plan-x", 1)], "any")).rejects.toBeInstanceOf(UnavailableError);
    await expect(store.append("plan-x", [], "any")).rejects.toThrow(/needs at least one event/);
  });

  it("keeps a subscription retrying while the server is down, and ends it on close", async () => {
    const attempts: number[] = [];
    const store = EventStoreDbStore.connect(NOBODY, { retry: { isTransient, delayMs: (attempt) => (attempts.push(attempt), 5) } });
    const got: SubscriptionMessage[] = [];
    const run = (async () => {
      for await (const m of store.subscribe()) got.push(m);
    })();
    await expect.poll(() => attempts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await store.close();
    await run;
    expect(got).toEqual([]);
    expect(attempts.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it("ends a subscription when its signal aborts", async () => {
    const store = EventStoreDbStore.connect(NOBODY, { retry: { isTransient, delayMs: () => 60_000 } });
    opened.push(store);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const got: SubscriptionMessage[] = [];
    for await (const m of store.subscribe({ signal: stop.signal })) got.push(m);
    expect(got).toEqual([]);
  }, 10_000);
});

describe("EventStoreDB store identity (what checkpoints record)", () => {
  it("names the servers and the namespace, never the credentials", async () => {
    const store = EventStoreDbStore.connect("esdb://admin:changeit@db1:2113,db2:2113?tls=false", { namespace: "tenant-a" });
    expect(store.identity).toBe("eventstoredb:db1:2113,db2:2113/tenant-a");
    const discovered = EventStoreDbStore.connect("esdb+discover://db.example:2113");
    expect(discovered.identity).toBe("eventstoredb:db.example:2113/parley");
    await Promise.all([store.close(), discovered.close()]);
  });
});
