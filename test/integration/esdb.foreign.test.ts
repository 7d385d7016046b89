import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { createApp } from "../../src/http/app.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import type { EventStore } from "../../src/store/port.ts";
import { pending } from "../support/events.ts";
import { WireDouble } from "../support/esdb.wire-double.ts";

// Another application's events, written straight into the wire-level gRPC test double (not EventStoreDB).
let double: WireDouble;
beforeAll(async () => {
  double = await WireDouble.start();
});
afterAll(() => double.stop());

async function readAllOf(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll()) out.push(...batch);
  return out;
}

/** An event of a Parley type, as an application that knows nothing of Parley writes it: no envelope in its metadata. */
const foreignMeeting = () => ({ id: randomUUID(), type: "MeetingScheduled", data: { meetingId: "standup", title: "Daily stand-up" }, metadata: { app: "calendar" } });

describe("EventStoreDB adapter sharing a database with other applications (over the wire-level gRPC test double)", () => {
  it("claims only its namespace's streams by default, and skips and counts events there without Parley's envelope", async () => {
    const store = EventStoreDbStore.connect(double.url);
    const mine = pending("meeting-x", 1);
    double.appendRaw("meeting-x", [foreignMeeting()]); // another application's stream, a generic Parley type name
    await store.append("meeting-x", [mine], "any");
    double.appendRaw("parley/meeting-x", [foreignMeeting()]); // inside Parley's namespace, without an envelope
    const later = pending("meeting-x", 2);
    await store.append("meeting-x", [later], "any");

    expect((await readAllOf(store)).map((e) => e.id)).toEqual([mine.id, later.id]);
    expect((await store.readStream("meeting-x")).map((e) => e.id)).toEqual([mine.id, later.id]);
    const live: string[] = [];
    for await (const m of store.subscribe()) {
      if (m.kind === "caught-up") break;
      live.push(m.event.id);
    }
    expect(live).toEqual([mine.id, later.id]);
    expect(store.skippedEvents()).toBe(1);
    expect(double.log.map((r) => r.streamId)).toEqual(["meeting-x", "parley/meeting-x", "parley/meeting-x", "parley/meeting-x"]);
    await store.close();
  });

  it("shows the count in /healthz, and the engine follows past such an event", async () => {
    const namespace = `shared-${randomUUID()}`;
    const store = EventStoreDbStore.connect(double.url, { namespace });
    const chronicle = await Chronicle.open(store);
    const app = createApp(chronicle, { token: "a-token-for-the-foreign-test" });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    double.appendRaw(`${namespace}/meeting-y`, [foreignMeeting(), foreignMeeting()]);
    const after = pending("meeting-y", 1);
    const writer = EventStoreDbStore.connect(double.url, { namespace });
    await writer.append("meeting-y", [after], "any");
    await expect.poll(() => chronicle.events.map((e) => e.id), { timeout: 10_000 }).toEqual([after.id]);
    const health = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", skippedEvents: 2, events: 1 });
    server.close();
    await chronicle.close();
    await Promise.all([store.close(), writer.close()]);
  });
});
