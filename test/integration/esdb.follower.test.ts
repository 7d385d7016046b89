import * as grpc from "@grpc/grpc-js";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { createApp } from "../../src/http/app.ts";
import { isTransient } from "../../src/store/eventstoredb/errors.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import type { EventStore, SubscribeOptions, SubscriptionMessage } from "../../src/store/port.ts";
import { openingInput, pending, stanceInput, TEST_NEGOTIATION } from "../support/events.ts";
import { WireDouble } from "../support/esdb.wire-double.ts";

let double: WireDouble;
beforeAll(async () => {
  double = await WireDouble.start();
});
afterAll(() => double.stop());
afterEach(() => double.clearFaults());

let namespaces = 0;
const connect = (namespace = `follower-${++namespaces}`) => EventStoreDbStore.connect(double.url, { namespace, retry: { isTransient, delayMs: () => 5 } });
/** A second connection to the same records, as another process would open. */
const writerFor = (store: EventStoreDbStore) => connect(store.options.namespace);

/** Reads a subscription until it has delivered `count` events. */
/** A subscription the store refuses before its first message. */
// eslint-disable-next-line require-yield -- it fails before it could yield anything, which is the point
async function* refusedSubscription(): AsyncGenerator<SubscriptionMessage> {
  throw new Error("subscription refused");
}

async function eventsOf(subscription: AsyncIterable<SubscriptionMessage>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const m of subscription) {
    if (m.kind === "event") ids.push(m.event.id);
    if (ids.length === count) break;
  }
  return ids;
}

describe("EventStoreDB adapter over the wire-level gRPC test double: errors the client reconnects on", () => {
  // CANCELLED is what a node says when it ends a long call; INTERNAL is how grpc-js reports an RST_STREAM.
  const faults: [string, grpc.status][] = [
    ["CANCELLED (CancelledError)", grpc.status.CANCELLED],
    ["INTERNAL, as after an RST_STREAM (UnknownError)", grpc.status.INTERNAL],
    ["UNAVAILABLE (UnavailableError)", grpc.status.UNAVAILABLE],
  ];

  it.each(faults)("a subscription refused with %s reconnects instead of failing", async (_name, code) => {
    const store = connect();
    const events = [pending("plan-a", 1), pending("plan-a", 2)];
    await store.append("plan-a", events, "any");
    double.failNext("subscribe", { code });
    double.failNext("subscribe", { code });
    expect(await eventsOf(store.subscribe(), 2)).toEqual(events.map((e) => e.id));
    await store.close();
  });

  it.each(faults)("a subscription dropped midway with %s resumes after the last event, with no gap and no repeat", async (_name, code) => {
    const store = connect();
    const writer = writerFor(store);
    const first = pending("plan-b", 1);
    await writer.append("plan-b", [first], "any");
    const ids: string[] = [];
    const later = [pending("plan-b", 2), pending("plan-b", 3)];
    for await (const m of store.subscribe()) {
      if (m.kind !== "event") continue;
      ids.push(m.event.id);
      if (ids.length === 1) {
        double.dropSubscriptions({ code });
        await writer.append("plan-b", later, "any");
      }
      if (ids.length === 3) break;
    }
    expect(ids).toEqual([first, ...later].map((e) => e.id));
    await Promise.all([store.close(), writer.close()]);
  });

  it("counts a cluster discovery that found no leader (a plain Error from the client) as transient", async () => {
    // Two seeds that refuse connections: the client's discovery gives up after one attempt, as during a long election.
    const store = EventStoreDbStore.connect("esdb://127.0.0.1:1,127.0.0.1:2?tls=false&maxDiscoverAttempts=1&discoveryInterval=1");
    const failure = await store.headPosition().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^Failed to discover after 1 attempts/);
    expect(isTransient(failure)).toBe(true);
    await store.close();
  });
});

async function listen(chronicle: Chronicle): Promise<{ url: string; server: Server }> {
  const app = createApp(chronicle, { token: "a-token-for-the-follower-test" });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const health = async (url: string) => (await fetch(`${url}/healthz`)).json() as Promise<{ status: string; problems: string[]; events: number }>;

describe("the engine's live follower", () => {
  it("logs a failed EventStoreDB subscription, reports /healthz degraded, keeps answering, and resumes with no event lost", async () => {
    const store = connect();
    const writer = writerFor(store);
    await writer.append("plan-c", [pending("plan-c", 1)], "any");
    const logged: string[] = [];
    const chronicle = await Chronicle.open(store, { log: (line) => logged.push(line) });
    const { url, server } = await listen(chronicle);
    expect(await health(url)).toMatchObject({ status: "ok", problems: [], events: 1 });

    // UNAUTHENTICATED becomes AccessDeniedError: not transient, so the subscription itself gives up.
    for (let i = 0; i < 1000; i++) double.failNext("subscribe", { code: grpc.status.UNAUTHENTICATED });
    double.dropSubscriptions({ code: grpc.status.UNAUTHENTICATED });
    await expect.poll(() => health(url), { timeout: 20_000 }).toMatchObject({ status: "degraded", problems: [expect.stringMatching(/following the store failed/)] });
    expect(logged.some((line) => line.startsWith("live follower: following the store failed"))).toBe(true);
    expect((await fetch(`${url}/api/negotiations`)).status).toBe(200);

    const missed = pending("plan-c", 2);
    await writer.append("plan-c", [missed], "any");
    double.clearFaults();
    await expect.poll(() => chronicle.events.map((e) => e.id), { timeout: 30_000 }).toContain(missed.id);
    expect(await health(url)).toMatchObject({ status: "ok", problems: [], events: 2 });

    server.close();
    await chronicle.close();
    await Promise.all([store.close(), writer.close()]);
  });

  it("restarts a failed subscription on any backend (an in-memory store whose first subscriptions throw)", async () => {
    /** A stand-in around the real in-memory store: its first two subscriptions fail at once. */
    class FailingAtFirst extends MemoryEventStore implements EventStore {
      failures = 2;
      override subscribe(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage> {
        if (this.failures-- > 0) return refusedSubscription();
        return super.subscribe(options);
      }
    }
    const store = new FailingAtFirst();
    const logged: string[] = [];
    const chronicle = await Chronicle.open(store, { log: (line) => logged.push(line) });
    const event = pending("plan-d", 1);
    await store.append("plan-d", [event], "any");
    await expect.poll(() => chronicle.events.map((e) => e.id), { timeout: 10_000 }).toEqual([event.id]);
    expect(logged.filter((l) => l.includes("subscription refused"))).toHaveLength(2);
    expect(chronicle.problems).toEqual([]);
    await chronicle.close();
  });
});

describe("a write while the live follower is down", () => {
  it("is acknowledged and seen at once, without waiting for the follower's retry", async () => {
    /** The real in-memory store, whose subscriptions all fail: the follower stays down, retrying. */
    class NeverFollowing extends MemoryEventStore implements EventStore {
      override subscribe(): AsyncIterable<SubscriptionMessage> {
        return refusedSubscription();
      }
    }
    const chronicle = await Chronicle.open(new NeverFollowing(), { log: () => undefined, defaultNegotiation: TEST_NEGOTIATION });
    await expect.poll(() => chronicle.problems.length, { timeout: 5_000 }).toBe(1);
    // Without reading its own write from the store, record() would wait for a follower that never comes back (the test would time out).
    await chronicle.record([openingInput(), stanceInput()]);
    expect(chronicle.asOf({ negotiation: TEST_NEGOTIATION }).state("2025-12-31").stances).toHaveLength(1);
    await chronicle.close();
  });
});
