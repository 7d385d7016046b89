import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { DuplicateEventIdError, VersionConflictError, type EventStore, type SubscriptionMessage } from "../../src/store/port.ts";
import { pending } from "./events.ts";

export interface StoreFactory {
  /** A fresh, empty store. */
  create(): Promise<EventStore>;
  /** The same store closed and opened again, when the backend keeps data across opens. */
  reopen?(store: EventStore): Promise<EventStore>;
}

async function readAllOf(store: EventStore, after = 0): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll({ after })) out.push(...batch);
  return out;
}

/** Collects subscription messages until `until` says stop. */
async function collect(iterable: AsyncIterable<SubscriptionMessage>, until: (got: SubscriptionMessage[]) => boolean): Promise<SubscriptionMessage[]> {
  const got: SubscriptionMessage[] = [];
  for await (const m of iterable) {
    got.push(m);
    if (until(got)) break;
  }
  return got;
}

const eventIds = (ms: SubscriptionMessage[]) => ms.flatMap((m) => (m.kind === "event" ? [m.event.id] : []));

/** The behaviour every backend must show, run unchanged against each one. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it("appends a batch and reads it back in order, with stream versions from 0", async () => {
      const stream = `s-${randomUUID()}`;
      const events = [pending(stream, 1), pending(stream, 2), pending(stream, 3)];
      const result = await store.append(stream, events, "no_stream");
      expect(result.streamVersion).toBe(2);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(read.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
      expect(read[2]!.position).toBe(result.position);
      expect(read[0]!.data).toEqual(events[0]!.data);
      expect(read[0]!.occurredAt).toEqual(events[0]!.occurredAt);
      expect(read[0]!.sources).toEqual(events[0]!.sources);
      expect(Date.parse(read[0]!.recordedAt)).not.toBeNaN();
    });

    it("orders readAll by global position across streams, and resumes after a position", async () => {
      const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
      await store.append(a, [pending(a, 1)], "any");
      await store.append(b, [pending(b, 1), pending(b, 2)], "any");
      await store.append(a, [pending(a, 2)], "any");
      const all = await readAllOf(store);
      expect(all.map((e) => e.stream)).toEqual([a, b, b, a]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
      expect((await readAllOf(store, all[1]!.position)).map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
      expect(await store.headPosition()).toBe(all[3]!.position);
    });

    it("rejects no_stream on an existing stream and a stale exact version, writing nothing", async () => {
      const stream = `c-${randomUUID()}`;
      await store.append(stream, [pending(stream, 1)], "no_stream");
      await expect(store.append(stream, [pending(stream, 2)], "no_stream")).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store.append(stream, [pending(stream, 3)], 5)).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store.append(`fresh-${randomUUID()}`, [pending(stream, 4)], 0)).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store.readStream(stream)).toHaveLength(1);
      const ok = await store.append(stream, [pending(stream, 5)], 0);
      expect(ok.streamVersion).toBe(1);
    });

    it("names the stream and both versions in a conflict", async () => {
      const stream = `n-${randomUUID()}`;
      await store.append(stream, [pending(stream, 1), pending(stream, 2)], "any");
      const err = await store.append(stream, [pending(stream, 3)], 0).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VersionConflictError);
      expect((err as VersionConflictError).actual).toBe(1);
      expect((err as Error).message).toContain(stream);
    });

    it("stores a retried batch (same ids) once", async () => {
      const stream = `r-${randomUUID()}`;
      const events = [pending(stream, 1), pending(stream, 2)];
      const first = await store.append(stream, events, "no_stream");
      const again = await store.append(stream, events, "no_stream");
      expect(again.position).toBe(first.position);
      expect(again.duplicates).toBe(2);
      expect(await store.readStream(stream)).toHaveLength(2);
      const clash = { ...pending(stream, 9), id: events[0]!.id };
      await expect(store.append(stream, [clash], "any")).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    it("writes a multi-stream batch all or nothing", async () => {
      const [a, b] = [`m-${randomUUID()}`, `m-${randomUUID()}`];
      await store.append(b, [pending(b, 1)], "any");
      const before = await store.headPosition();
      await expect(
        store.appendMany([
          { stream: a, events: [pending(a, 1)], expected: "no_stream" },
          { stream: b, events: [pending(b, 2)], expected: "no_stream" },
        ]),
      ).rejects.toBeInstanceOf(VersionConflictError);
      expect(await store.readStream(a)).toHaveLength(0);
      expect(await store.headPosition()).toBe(before);
    });

    it("sets recordedAt itself, except on a copy, which keeps the one it carries", async () => {
      const stream = `t-${randomUUID()}`;
      const before = Date.now();
      const copy = { ...pending(stream, 1), recordedAt: "2024-03-01T10:00:00.000Z" };
      await store.append(stream, [pending(stream, 0), copy], "any");
      const [fresh, copied] = await store.readStream(stream);
      expect(Date.parse(fresh!.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(copied!.recordedAt).toBe("2024-03-01T10:00:00.000Z");
      expect((await store.findById(copy.id))!.recordedAt).toBe("2024-03-01T10:00:00.000Z");
    });

    it("finds an event by id", async () => {
      const stream = `f-${randomUUID()}`;
      const [e] = [pending(stream, 1)];
      await store.append(stream, [e], "any");
      expect((await store.findById(e.id))?.stream).toBe(stream);
      expect(await store.findById(randomUUID())).toBeUndefined();
    });

    it("subscribes: catches up on the backlog, says so, then follows live appends", async () => {
      const stream = `sub-${randomUUID()}`;
      const backlog = [pending(stream, 1), pending(stream, 2)];
      await store.append(stream, backlog, "any");
      const stop = new AbortController();
      const live = [pending(stream, 3), pending(stream, 4)];
      const received = collect(store.subscribe({ signal: stop.signal }), (got) => eventIds(got).includes(live[1]!.id));
      // Append only after the subscription has caught up, so these arrive as live events.
      await new Promise((r) => setTimeout(r, 50));
      await store.append(stream, [live[0]!], "any");
      await store.append(stream, [live[1]!], "any");
      const got = await received;
      stop.abort();
      const ids = eventIds(got);
      const mine = ids.filter((id) => [...backlog, ...live].some((e) => e.id === id));
      expect(mine).toEqual([...backlog, ...live].map((e) => e.id));
      const caughtUp = got.findIndex((m) => m.kind === "caught-up");
      expect(caughtUp).toBeGreaterThan(-1);
      expect(got.filter((m) => m.kind === "caught-up")).toHaveLength(1);
      expect(ids.indexOf(backlog[1]!.id)).toBeLessThan(caughtUp);
    });

    it("subscribes from a position, exclusive, with no duplicate", async () => {
      const stream = `from-${randomUUID()}`;
      await store.append(stream, [pending(stream, 1), pending(stream, 2), pending(stream, 3)], "any");
      const all = await store.readStream(stream);
      const got = await collect(store.subscribe({ after: all[0]!.position }), (g) => g.some((m) => m.kind === "caught-up"));
      expect(eventIds(got).filter((id) => all.some((e) => e.id === id))).toEqual([all[1]!.id, all[2]!.id]);
    });

    if (factory.reopen) {
      it("keeps every acknowledged event across a close and reopen", async () => {
        const stream = `d-${randomUUID()}`;
        const events = [pending(stream, 1), pending(stream, 2)];
        await store.append(stream, events, "no_stream");
        store = await factory.reopen!(store);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
        expect(read[1]!.data).toEqual(events[1]!.data);
        const next = await store.append(stream, [pending(stream, 3)], 1);
        expect(next.streamVersion).toBe(2);
      });
    }
  });
}
