import { describe, expect, it } from "vitest";
import { envelopeFields, envelopeOf, parseEvent } from "../../events/envelope.ts";
import { toBody } from "../../src/store/sqlite-rows.ts";
import { toEventData } from "../../src/store/eventstoredb/codec.ts";
import { stanceInput } from "../support/events.ts";

// The envelope as docs/events.md shows a writer sending it; PostgreSQL bodies and copies keep that order
// (a SQLite body is the chain's canonical bytes, keys sorted: one encoding serves the body and the hash).
const written = ["id", "type", "schemaVersion", "stream", "occurredAt", "reportedAt", "sources", "data"];

describe("the envelope's fields are listed once", () => {
  it("in the order a writer sends them", () => {
    expect(envelopeFields).toEqual(written);
    const e = parseEvent(stanceInput());
    expect(Object.keys(envelopeOf({ ...e, position: 1, streamVersion: 0, recordedAt: "2026-01-01T00:00:00.000Z" }))).toEqual(written);
  });

  it("a PostgreSQL body holds all of them, and EventStoreDB's metadata what it does not hold itself", () => {
    const e = parseEvent(stanceInput());
    expect(Object.keys(JSON.parse(toBody(e, e.stream)))).toEqual(written);
    const { metadata } = toEventData(e, "2026-01-01T00:00:00.000Z");
    expect(metadata).toEqual({ schemaVersion: e.schemaVersion, occurredAt: e.occurredAt, reportedAt: e.reportedAt, sources: e.sources, recordedAt: "2026-01-01T00:00:00.000Z" });
  });
});
