import { AccessDeniedError, UnavailableError } from "@eventstore/db-client";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { catchUp, type CatchUpSource } from "../../src/store/eventstoredb/catch-up.ts";
import { isTransient } from "../../src/store/eventstoredb/errors.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import type { EventStore, SubscriptionMessage } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { pending } from "../support/events.ts";

const retry = { isTransient, delayMs: () => 1 };

interface Faults {
  /** Drop the connection (a transient error) after this many events on it. */
  dropEvery?: number;
  /** End the feed quietly, as a server closing the call would, after this many events. */
  endEvery?: number;
  /** On each (re)connection, start this many positions before the one asked for, as an at-least-once backend may. */
  rewind?: number;
}

/**
 * A raw feed over a real store's subscription, with the faults a network brings: dropped
 * connections, quietly ended calls, and events re-sent from before the resume point.
 */
function feedOf(store: EventStore, faults: Faults) {
  const stats = { connections: 0 };
  const source: CatchUpSource = {
    head: () => store.headPosition(),
    async *events(after, signal) {
      stats.connections++;
      let sent = 0;
      for await (const m of store.subscribe({ after: Math.max(0, after - (faults.rewind ?? 0)), signal })) {
        if (m.kind !== "event") continue;
        yield m.event;
        sent++;
        if (faults.dropEvery && sent % faults.dropEvery === 0) throw new UnavailableError();
        if (faults.endEvery && sent % faults.endEvery === 0) return;
      }
    },
  };
  return { source, stats };
}

async function collect(messages: AsyncIterable<SubscriptionMessage>, until: (got: SubscriptionMessage[]) => boolean): Promise<SubscriptionMessage[]> {
  const got: SubscriptionMessage[] = [];
  for await (const m of messages) {
    got.push(m);
    if (until(got)) break;
  }
  return got;
}

const ids = (ms: SubscriptionMessage[]) => ms.flatMap((m) => (m.kind === "event" ? [m.event.id] : []));

async function appendEvents(store: EventStore, n: number): Promise<StoredEvent[]> {
  for (let i = 0; i < n; i++) await store.append(`catch-up-${i % 3}`, [pending(`catch-up-${i % 3}`, i)], "any");
  const all: StoredEvent[] = [];
  for await (const batch of store.readAll()) all.push(...batch);
  return all;
}

const backends: [string, () => EventStore][] = [
  ["memory store", () => new MemoryEventStore()],
  ["SQLite store", () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), "parley-catch-up-")), "parley.db"))],
];

describe.each(backends)("catch-up subscription over the %s", (_name, open) => {
  let store: EventStore;
  let stop: AbortController;
  beforeEach(() => {
    stop = new AbortController();
  });
  afterEach(async () => {
    stop.abort();
    await store.close();
  });

  it("delivers the backlog, says caught-up once, then live events, through drops and re-sends, each exactly once", async () => {
    store = open();
    const backlog = await appendEvents(store, 10);
    const { source, stats } = feedOf(store, { dropEvery: 3, rewind: 2 });
    const messages = catchUp(source, { signal: stop.signal, retry })[Symbol.asyncIterator]();
    const next = async () => (await messages.next()).value as SubscriptionMessage;
    const first: SubscriptionMessage[] = [];
    while (!first.some((m) => m.kind === "caught-up")) first.push(await next());
    expect(ids(first)).toEqual(backlog.map((e) => e.id));
    expect(first[first.length - 1]).toEqual({ kind: "caught-up", position: backlog[9]!.position });

    const live = [pending("catch-up-live", 1), pending("catch-up-live", 2), pending("catch-up-live", 3), pending("catch-up-live", 4)];
    for (const e of live) await store.append("catch-up-live", [e], "any");
    const after: SubscriptionMessage[] = [];
    while (after.length < live.length) after.push(await next());
    expect(after.map((m) => m.kind)).toEqual(["event", "event", "event", "event"]);
    expect(ids(after)).toEqual(live.map((e) => e.id));
    expect(stats.connections).toBeGreaterThanOrEqual(5);
    await messages.return?.();
  });

  it("reopens a feed that ended quietly and resumes after the last event", async () => {
    store = open();
    const backlog = await appendEvents(store, 7);
    const { source, stats } = feedOf(store, { endEvery: 2 });
    const got = await collect(catchUp(source, { signal: stop.signal, retry }), (g) => g.some((m) => m.kind === "caught-up"));
    expect(ids(got)).toEqual(backlog.map((e) => e.id));
    expect(stats.connections).toBe(4);
  });

  it("resumes after a position, exclusive, and is caught up at once when nothing is newer", async () => {
    store = open();
    const backlog = await appendEvents(store, 6);
    const { source } = feedOf(store, { rewind: 3 });
    const got = await collect(catchUp(source, { after: backlog[3]!.position, signal: stop.signal, retry }), (g) => g.some((m) => m.kind === "caught-up"));
    expect(ids(got)).toEqual([backlog[4]!.id, backlog[5]!.id]);
    const atHead = await collect(catchUp(source, { after: backlog[5]!.position, signal: stop.signal, retry }), () => true);
    expect(atHead).toEqual([{ kind: "caught-up", position: backlog[5]!.position }]);
  });

  it("waits for a source that is down when the subscription opens", async () => {
    store = open();
    const backlog = await appendEvents(store, 3);
    const { source } = feedOf(store, {});
    let refusals = 0;
    const flaky: CatchUpSource = {
      ...source,
      head: async () => {
        if (++refusals <= 2) throw new UnavailableError();
        return store.headPosition();
      },
    };
    const got = await collect(catchUp(flaky, { signal: stop.signal, retry }), (g) => g.some((m) => m.kind === "caught-up"));
    expect(ids(got)).toEqual(backlog.map((e) => e.id));
    expect(refusals).toBe(3);
  });

  it("fails on an error that is not a dropped connection", async () => {
    store = open();
    await appendEvents(store, 2);
    const source: CatchUpSource = {
      head: () => store.headPosition(),
      // eslint-disable-next-line require-yield
      async *events() {
        throw new AccessDeniedError();
      },
    };
    await expect(collect(catchUp(source, { signal: stop.signal, retry }), () => false)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("stops when aborted, even while it waits to reconnect", async () => {
    store = open();
    await appendEvents(store, 1);
    const local = new AbortController();
    let attempts = 0;
    const source: CatchUpSource = {
      head: () => store.headPosition(),
      // eslint-disable-next-line require-yield
      async *events() {
        attempts++;
        throw new UnavailableError();
      },
    };
    // Two quick retries, then a long pause that only the abort can cut short.
    const patient = { isTransient, delayMs: (attempt: number) => (attempt < 2 ? 1 : 600_000) };
    setTimeout(() => local.abort(), 300);
    const got = await collect(catchUp(source, { signal: local.signal, retry: patient }), () => false);
    expect(got).toEqual([]);
    expect(attempts).toBe(3);
  }, 5_000);

  it("says nothing, not caught-up, when it is stopped while asking for the head", async () => {
    const local = new AbortController();
    // What closing the real client can do: the pending read of $all ends quietly, having read nothing.
    const source: CatchUpSource = {
      head: async () => {
        local.abort();
        return 0;
      },
      // eslint-disable-next-line require-yield
      async *events() {
        throw new Error("not reached: the subscription was stopped");
      },
    };
    expect(await collect(catchUp(source, { signal: local.signal, retry }), () => false)).toEqual([]);
  });
});
