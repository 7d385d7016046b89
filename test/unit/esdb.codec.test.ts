import { ANY, AccessDeniedError, DeadlineExceededError, NO_STREAM, START, StreamDeletedError, UnavailableError, WrongExpectedVersionError, jsonEvent } from "@eventstore/db-client";
import { describe, expect, it } from "vitest";
import { eventTypes } from "../../events/catalogue.ts";
import type { PendingEvent } from "../../events/envelope.ts";
import { StreamNames, fromRecorded, toEventData } from "../../src/store/eventstoredb/codec.ts";
import { isTransient, translateAppendError } from "../../src/store/eventstoredb/errors.ts";
import { comparePositions, formatPosition, fromPortPosition, toPortPosition } from "../../src/store/eventstoredb/position.ts";
import { fromCurrentRevision, toExpectedRevision } from "../../src/store/eventstoredb/revision.ts";
import { VersionConflictError } from "../../src/store/port.ts";
import { sampleInputs, samples } from "../support/esdb.samples.ts";
import { throughTheWire } from "../support/esdb.wire.ts";

const recordedAt = "2026-11-22T09:30:15.123Z";

/** Appends (encodes) an event and reads it back (decodes) through the client's own wire format. */
function roundTrip(event: PendingEvent, at = { revision: 4n, commit: 123_456n, prepare: 123_456n }) {
  const sent = toEventData(event, recordedAt);
  const received = throughTheWire(sent, { streamId: event.stream, created: new Date("2030-01-01T00:00:00Z"), ...at }).event!;
  return { sent, received, stored: fromRecorded(received, event.stream, toPortPosition(received.position!)) };
}

describe("EventStoreDB event mapping", () => {
  it("has a sample of every event type in the catalogue", () => {
    expect(Object.keys(sampleInputs).sort()).toEqual([...eventTypes].sort());
  });

  it.each(samples().map((e) => [e.type, e] as const))("round-trips %s losslessly", (_type, event) => {
    const { sent, stored } = roundTrip(event);
    // EventStoreDB's own fields carry the id and type, so its idempotency and filters work on them.
    expect(sent.id).toBe(event.id);
    expect(sent.type).toBe(event.type);
    expect(sent.contentType).toBe("application/json");
    expect(sent.data).toEqual(event.data);
    expect(stored).toEqual({ ...event, position: 123_456, streamVersion: 4, recordedAt });
  });

  it("keeps valid-time precision, labels, a missing report date and repaired quotes", () => {
    const byType = new Map(samples().map((e) => [e.type, e]));
    const revised = roundTrip(byType.get("PlanRevised")!).stored;
    expect(revised.occurredAt).toEqual({ precision: "interval", from: "2025-11-23T00:00:00.000Z", to: "2025-11-24T23:59:59.999Z", label: "last week" });
    expect(revised.reportedAt).toBe("2025-12-03T08:15:00.000Z");
    const added = roundTrip(byType.get("PlanPointAdded")!).stored;
    expect(added.occurredAt.precision).toBe("week");
    expect(added.reportedAt).toBeNull();
    const quote = revised.sources[0]!;
    expect(quote.quote).toContain("itโ€™s");
    expect(quote.quoteClean).toContain("it’s");
  });

  it("uses the writer's recordedAt, not the server's created stamp", () => {
    expect(roundTrip(samples()[0]!).stored.recordedAt).toBe(recordedAt);
  });

  it("lifts an old payload to the current schema on read", () => {
    const stance = samples().find((e) => e.type === "StanceStated")!;
    const sent = toEventData(stance, recordedAt);
    const v1 = { ...sent, data: { party: "russia", issue: "nato", stance: "against" }, metadata: { ...sent.metadata, schemaVersion: 1 } };
    const received = throughTheWire(v1, { streamId: "party-russia", revision: 0n, commit: 10n, prepare: 10n, created: new Date() }).event!;
    const stored = fromRecorded(received, "party-russia", 10);
    expect(stored.schemaVersion).toBe(3);
    expect(stored.data).toEqual({ party: "russia", issue: "nato", position: "rejects" });
  });

  it("refuses an event of a Parley type that carries no Parley envelope, naming it", () => {
    const foreign = jsonEvent({ id: "5f1d7a52-2f44-4c7e-8d0b-2a4c0e9b1d33", type: "StanceStated", data: { party: "us" }, metadata: { by: "another app" } });
    const received = throughTheWire(foreign, { streamId: "party-us", revision: 0n, commit: 10n, prepare: 10n, created: new Date() }).event!;
    expect(() => fromRecorded(received, "party-us", 10)).toThrow(/5f1d7a52-2f44-4c7e-8d0b-2a4c0e9b1d33.*no Parley envelope.*schemaVersion/);
  });
});

describe("EventStoreDB positions", () => {
  it("maps an event's $all position to one number and back, exactly up to 2^53 - 1", () => {
    for (const n of [1n, 123_456n, 9_007_199_254_740_991n]) {
      const p = toPortPosition({ commit: n, prepare: n });
      expect(BigInt(p)).toBe(n);
      expect(fromPortPosition(p)).toEqual({ commit: n, prepare: n });
    }
    expect(fromPortPosition(0)).toBe(START);
  });

  it("reads the 64-bit positions the server sends as decimal strings without rounding", () => {
    const { received, stored } = roundTrip(samples()[0]!, { revision: 0n, commit: 9_007_199_254_740_991n, prepare: 9_007_199_254_740_991n });
    expect(received.position).toEqual({ commit: 9_007_199_254_740_991n, prepare: 9_007_199_254_740_991n });
    expect(stored.position).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses a position it could not give back exactly", () => {
    expect(() => toPortPosition({ commit: 500n, prepare: 420n })).toThrow(/explicit transaction/);
    expect(() => toPortPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toThrow(/beyond 2\^53/);
    expect(() => fromPortPosition(-1)).toThrow(/not a global position/);
    expect(() => fromPortPosition(1.5)).toThrow(/not a global position/);
  });

  it("orders positions as $all does, by commit then prepare, and prints them exactly", () => {
    const sorted = [
      { commit: 5n, prepare: 9n },
      { commit: 2n, prepare: 2n },
      { commit: 5n, prepare: 5n },
    ].sort(comparePositions);
    expect(sorted).toEqual([
      { commit: 2n, prepare: 2n },
      { commit: 5n, prepare: 5n },
      { commit: 5n, prepare: 9n },
    ]);
    expect(formatPosition({ commit: 2n ** 63n, prepare: 7n })).toBe("C:9223372036854775808/P:7");
  });
});

describe("EventStoreDB revisions and errors", () => {
  it("maps expected versions to expected revisions", () => {
    expect(toExpectedRevision("any")).toBe(ANY);
    expect(toExpectedRevision("no_stream")).toBe(NO_STREAM);
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
    expect(fromCurrentRevision(NO_STREAM)).toBe("no_stream");
    expect(fromCurrentRevision(7n)).toBe(7);
  });

  it("turns the client's WrongExpectedVersionError into the port's conflict, in Parley's stream name", () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: "ns/plan-x", expected: 0n, current: 3n });
    const err = translateAppendError(wrong, "plan-x", 0);
    expect(err).toBeInstanceOf(VersionConflictError);
    expect(err).toMatchObject({ stream: "plan-x", expected: 0, actual: 3 });
    expect((err as Error).message).toBe("stream 'plan-x' is at version 3, not 0");
    const missing = new WrongExpectedVersionError(undefined, { streamName: "plan-y", expected: 2n, current: NO_STREAM });
    expect(translateAppendError(missing, "plan-y", 2)).toMatchObject({ actual: "no_stream" });
  });

  it("passes other errors through untouched", () => {
    const denied = new AccessDeniedError();
    expect(translateAppendError(denied, "s", "any")).toBe(denied);
  });

  it("reconnects after a dropped node or a timeout, not after a refusal", () => {
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(new DeadlineExceededError())).toBe(true);
    expect(isTransient(new AccessDeniedError())).toBe(false);
    expect(isTransient(StreamDeletedError.fromStreamName("s"))).toBe(false);
    expect(isTransient(new Error("boom"))).toBe(false);
  });
});

describe("EventStoreDB stream names and filters", () => {
  it("puts every stream under a namespace, 'parley' unless told otherwise", () => {
    const plain = new StreamNames();
    expect(plain.toEsdb("plan-x")).toBe("parley/plan-x");
    expect(plain.parleyStream("parley/plan-x", "PlanRevised")).toBe("plan-x");
    expect(plain.parleyStream("plan-x", "PlanRevised")).toBeUndefined();
    const spaced = new StreamNames("tenant-a");
    expect(spaced.toEsdb("plan-x")).toBe("tenant-a/plan-x");
    expect(spaced.parleyStream("tenant-a/plan-x", "PlanRevised")).toBe("plan-x");
    expect(spaced.parleyStream("tenant-b/plan-x", "PlanRevised")).toBeUndefined();
  });

  it("refuses a namespace that is empty, a system stream's, or holds '/' (so 'a' never claims 'a/b/…')", () => {
    expect(() => new StreamNames("")).toThrow(/must not be empty/);
    expect(() => new StreamNames("$all")).toThrow(/system streams/);
    expect(() => new StreamNames("a/b")).toThrow(/must not contain '\/'.*'a'/);
    expect(new StreamNames("a").parleyStream("a/b/plan-x", "PlanRevised")).toBe("b/plan-x");
  });

  it("leaves out system events and types outside the catalogue", () => {
    const names = new StreamNames();
    expect(names.parleyStream("$$parley/plan-x", "$metadata")).toBeUndefined();
    expect(names.parleyStream("$stats-127.0.0.1:2113", "$statsCollected")).toBeUndefined();
    expect(names.parleyStream("$ce-parley", "StanceStated")).toBeUndefined();
    expect(names.parleyStream("parley/orders-1", "OrderPlaced")).toBeUndefined();
  });

  it("filters subscriptions on the server by the namespace's stream prefix", () => {
    expect(new StreamNames("tenant-a").subscriptionFilter()).toMatchObject({ filterOn: "streamName", prefixes: ["tenant-a/"] });
  });
});
