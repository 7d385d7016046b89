import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEvent, type PendingEvent } from "../../events/envelope.ts";
import { migrate } from "../../src/cli/migrate.ts";
import { APPEND_BUDGET, chunksBySize, payloadBytes } from "../../src/store/eventstoredb/append-chunks.ts";
import { toEventData } from "../../src/store/eventstoredb/codec.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { VersionConflictError, type EventStore } from "../../src/store/port.ts";
import { pending, stanceInput } from "../support/events.ts";
import { WireDouble } from "../support/esdb.wire-double.ts";

// Appends through the real client to the wire-level gRPC test double (not EventStoreDB), which
// imitates the server's 1 MiB MaxAppendSize and answers conflicts as a server does.
let double: WireDouble;
beforeAll(async () => {
  double = await WireDouble.start();
});
afterAll(() => double.stop());

const opened: EventStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
const connect = (namespace = `t-${randomUUID()}`, query = "") => {
  const store = EventStoreDbStore.connect(double.url + query, { namespace });
  opened.push(store);
  return store;
};

/** A StanceStated of about `bytes` bytes of payload, like a long quoted statement. */
const sizable = (stream: string, n: number, bytes = 1500): PendingEvent => ({
  ...parseEvent({ ...stanceInput({ speaker: `speaker ${n} ${"x".repeat(bytes)}` }), id: randomUUID() }),
  stream,
});

/** Writes events into `stream` as another process of Parley would, behind this store's back. */
const writeBehind = (namespace: string, stream: string, events: PendingEvent[]) =>
  double.appendRaw(
    `${namespace}/${stream}`,
    events.map((e) => toEventData(e, new Date().toISOString())),
  );

describe("splitting appends by size", () => {
  it("keeps order, keeps each run within the budget, and sends a lone oversized event on its own", () => {
    const events = Array.from({ length: 40 }, (_, i) => toEventData(sizable("s", i, i === 7 ? 3000 : 900), "2025-12-05T00:00:00.000Z"));
    const chunks = chunksBySize(events, 4000);
    expect(chunks.flat()).toEqual(events);
    for (const chunk of chunks) expect(chunk.length === 1 || chunk.reduce((n, e) => n + payloadBytes(e), 0) <= 4000).toBe(true);
    expect(chunks.find((c) => c.includes(events[7]!))).toEqual([events[7]]);
  });
});

describe("EventStoreDB adapter appends over the wire-level gRPC test double", () => {
  it("migrates a stream of 2,000 events of 1.5 KB (3 MB) in appends under the server's limit, with the ids checked a batch at a time", async () => {
    const source = new MemoryEventStore();
    opened.push(source);
    const events = Array.from({ length: 2000 }, (_, i) => sizable("plan-big", i));
    for (let i = 0; i < events.length; i += 500) await source.append("plan-big", events.slice(i, i + 500), "any");
    const target = connect();
    const appendsBefore = double.appends.length;
    const allReadsBefore = double.allReads;

    const report = await migrate(source, target);

    expect(report).toEqual({ read: 2000, copied: 2000, alreadyThere: 0 });
    const sent = double.appends.slice(appendsBefore);
    expect(sent.length).toBeGreaterThan(1);
    for (const append of sent) expect(append.bytes).toBeLessThanOrEqual(APPEND_BUDGET);
    expect((await target.readStream("plan-big")).map((e) => e.id)).toEqual(events.map((e) => e.id));
    // One $all catch-up per looked-up event would be 2,000 reads or more.
    expect(double.allReads - allReadsBefore).toBeLessThan(100);
  });

  it("keeps an event id written into two streams by two processes readable in both", async () => {
    const store = connect();
    const namespace = store.options.namespace!;
    const event = pending("plan-one", 1);
    await store.append("plan-one", [event], "any");
    // The other process had not seen the first write when it appended the same id elsewhere.
    writeBehind(namespace, "plan-two", [{ ...event, stream: "plan-two" }]);
    expect((await store.readStream("plan-two")).map((e) => [e.id, e.stream])).toEqual([[event.id, "plan-two"]]);
    expect((await store.readStream("plan-one")).map((e) => [e.id, e.stream])).toEqual([[event.id, "plan-one"]]);
    expect((await store.findById(event.id))?.stream).toBe("plan-one");
  });

  it("answers an append with where its own event landed when another process raced the same id into another stream", async () => {
    const store = connect();
    const namespace = store.options.namespace!;
    const event = pending("plan-mine", 1);
    double.beforeNextAppend(() => writeBehind(namespace, "plan-theirs", [{ ...event, stream: "plan-theirs" }]));
    const result = await store.append("plan-mine", [event], "no_stream");
    const [mine] = await store.readStream("plan-mine");
    expect(result).toEqual({ position: mine!.position, streamVersion: 0, duplicates: 0 });
    expect((await store.readStream("plan-theirs"))[0]!.position).toBeLessThan(result.position);
  });

  it.each([
    ["by default (the client throws)", ""],
    ["with throwOnAppendFailure=false (the client reports)", "&throwOnAppendFailure=false"],
  ])("reports the stream's real version when a concurrent writer wins the race, %s", async (_how, query) => {
    const store = connect(undefined, query);
    const namespace = store.options.namespace!;
    await store.append("plan-race", [pending("plan-race", 1), pending("plan-race", 2)], "no_stream");
    double.beforeNextAppend(() => writeBehind(namespace, "plan-race", [pending("plan-race", 3), pending("plan-race", 4), pending("plan-race", 5)]));
    const conflict = await store.append("plan-race", [pending("plan-race", 6)], 1).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect(conflict).toMatchObject({ stream: "plan-race", expected: 1, actual: 4 });
  });
});
