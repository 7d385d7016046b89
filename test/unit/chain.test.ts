import { describe, expect, it } from "vitest";
import { GENESIS, canonicalAt, canonicalBytes, linkHash, type WrittenEvent } from "../../src/store/chain.ts";

/** Keys out of order at every depth, a derivable EDTF, one repaired quote equal to its quote and one not, integer-like keys. */
const event = {
  id: "0b9f6a52-7d4e-4a8e-9c43-2f1d5e8a7b10",
  type: "StanceStated",
  schemaVersion: 3,
  stream: "ukraine-2025:party-europe",
  occurredAt: { precision: "day", from: "2025-12-05T00:00:00.000Z", to: "2025-12-05T23:59:59.999Z", edtf: "2025-12-05" },
  reportedAt: null,
  sources: [
    { outlet: "Test Wire", quote: "A test quote.", quoteClean: "A test quote.", publishedAt: "2025-12-05" },
    { quote: "Kyivâ€™s envoy", quoteClean: "Kyiv’s envoy", outlet: "Other" },
  ],
  data: { party: "europe", issue: "nato", position: "supports", extra: { "10": 1, "9": [{ z: 1, a: 2 }], b: null } },
  position: 7,
  streamVersion: 2,
  recordedAt: "2025-12-06T10:00:00.000Z",
} as unknown as WrittenEvent;

// What the chain has covered since it began (computed then with a sorting replacer): stores already hold hashes of these bytes.
const BYTES =
  '{"data":{"extra":{"9":[{"a":2,"z":1}],"10":1,"b":null},"issue":"nato","party":"europe","position":"supports"},"id":"0b9f6a52-7d4e-4a8e-9c43-2f1d5e8a7b10","occurredAt":{"from":"2025-12-05T00:00:00.000Z","precision":"day","to":"2025-12-05T23:59:59.999Z"},"position":7,"recordedAt":"2025-12-06T10:00:00.000Z","reportedAt":null,"schemaVersion":3,"sources":[{"outlet":"Test Wire","publishedAt":"2025-12-05","quote":"A test quote."},{"outlet":"Other","quote":"Kyivâ€™s envoy","quoteClean":"Kyiv’s envoy"}],"stream":"ukraine-2025:party-europe","streamVersion":2,"type":"StanceStated"}';

describe("the chain's canonical bytes", () => {
  it("are the bytes and the hash the chain has always covered, whatever order the keys came in", () => {
    expect(canonicalBytes(event)).toBe(BYTES);
    expect(canonicalAt(event, event.stream, 7, 2, event.recordedAt)).toBe(BYTES);
    expect(linkHash(GENESIS, event)).toBe("dbcc43053d723c51d6095809dc3aaaf4a5bbad4432fb1cafcca2af0ac92d07d2");
  });

  it("leave the event as it was", () => {
    const before = JSON.stringify(event);
    canonicalBytes(event);
    expect(JSON.stringify(event)).toBe(before);
  });
});
