import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEvent } from "../../events/envelope.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { getJson, post, startServer, type TestServer } from "../support/http-helpers.ts";
import { openingInput, stanceInput, TEST_NEGOTIATION } from "../support/events.ts";
import { WireDouble } from "../support/esdb.wire-double.ts";

const upper = () => randomUUID().toUpperCase();

describe("event ids are kept lowercased, on every backend", () => {
  it("lowercases an id, and a correction's target id, when the event is parsed", () => {
    const id = upper();
    expect(parseEvent(stanceInput({ id })).id).toBe(id.toLowerCase());
    const correction = parseEvent({ type: "ReportRetracted", occurredAt: "2025-12-05", sources: stanceInput().sources, data: { retractedEventId: id, reason: "wrong outlet" } });
    expect(correction.data).toMatchObject({ retractedEventId: id.toLowerCase() });
  });

  it("on SQLite: a retry of an event with its id in another case is the same event, and a correction finds it", async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), "parley-ids-")), "parley.db"));
    const chronicle = await Chronicle.open(store, { follow: false, defaultNegotiation: TEST_NEGOTIATION });
    await chronicle.record([openingInput()]);
    const id = upper();
    await chronicle.record([stanceInput({ id })]);
    const [again] = await chronicle.record([stanceInput({ id: id.toLowerCase() })]);
    expect(again!.duplicates).toBe(1);
    await chronicle.record([{ type: "ReportRetracted", occurredAt: "2025-12-06", sources: stanceInput().sources, data: { retractedEventId: id, reason: "wrong outlet" } }]);
    expect((await store.findById(id.toLowerCase()))?.type).toBe("StanceStated");
    await store.close();
  });

  it("over the wire-level gRPC test double (which returns ids lowercased, as EventStoreDB does): an uppercase id is written and found", async () => {
    const double = await WireDouble.start();
    const store = EventStoreDbStore.connect(double.url);
    const chronicle = await Chronicle.open(store, { follow: false, defaultNegotiation: TEST_NEGOTIATION });
    await chronicle.record([openingInput()]);
    const id = upper();
    const [result] = await chronicle.record([stanceInput({ id })]);
    expect(result!.duplicates).toBe(0);
    expect((await store.findById(id.toLowerCase()))?.id).toBe(id.toLowerCase());
    await store.close();
    await double.stop();
  });
});

describe("streams named with a leading '$' (EventStoreDB's system streams)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it.each([
    ["an event's stream", (event: object) => ({ ...event, stream: "$plan-x" }), "stream"],
    ["a batch's stream", (event: object) => ({ stream: "$plan-x", events: [event] }), "stream"],
    ["a batch's negotiation", (event: object) => ({ negotiation: "$talks", events: [event] }), "negotiation"],
  ])("are refused with a 400 naming the field when %s starts with '$', and nothing is written", async (_what, body, field) => {
    const before = (await getJson(`${server.url}/healthz`)).body.position;
    const reply = await post(server.url, body(stanceInput()));
    expect(reply.status).toBe(400);
    expect(reply.body.issues).toEqual([expect.objectContaining({ path: field, message: expect.stringMatching(/must not start with '\$'/) })]);
    expect((await getJson(`${server.url}/healthz`)).body.position).toBe(before);
  });
});
