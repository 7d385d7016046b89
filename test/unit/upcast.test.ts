import { describe, expect, it } from "vitest";
import { parseEvent } from "../../events/envelope.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { analystSource } from "../support/events.ts";

describe("schema versions", () => {
  it("lifts a StanceStated v1 ('for/against/open') to v2 positions, and on to v3", () => {
    const v1 = (stance: string) =>
      parseEvent({ type: "StanceStated", schemaVersion: 1, occurredAt: "2025-12-05", sources: [analystSource], data: { party: "ukraine", issue: "nato", stance } });
    const lifted = v1("against");
    expect(lifted.schemaVersion).toBe(3);
    expect(lifted.data).toEqual({ party: "ukraine", issue: "nato", position: "rejects" });
    expect(v1("open").data).toMatchObject({ position: "undecided" });
  });

  it("reads a v2 stance as v3: every v2 position is a v3 one", () => {
    const v2 = parseEvent({
      type: "StanceStated",
      schemaVersion: 2,
      occurredAt: "2025-12-05",
      sources: [analystSource],
      data: { party: "us", issue: "nato", position: "conditional" },
    });
    expect(v2).toMatchObject({ schemaVersion: 3, data: { party: "us", issue: "nato", position: "conditional" } });
    expect(() =>
      parseEvent({ type: "StanceStated", schemaVersion: 2, occurredAt: "2025-12-05", sources: [analystSource], data: { party: "us", issue: "nato", position: "perhaps" } }),
    ).toThrow(/position/);
  });

  it("refuses a version from the future", () => {
    expect(() => parseEvent({ type: "StanceStated", schemaVersion: 9, occurredAt: "2025-12-05", sources: [analystSource], data: {} })).toThrow(/schemaVersion/);
  });
});

describe("a store written before negotiations declared their vocabulary", () => {
  it("still opens and answers: its unprefixed events read as 'default', their parties and issues shown as undeclared", async () => {
    const store = new MemoryEventStore();
    // Written straight to the store, as the first version of Parley did: a v2 stance, no NegotiationOpened, no prefix.
    const legacy = {
      ...parseEvent({ type: "StanceStated", schemaVersion: 2, occurredAt: "2025-11-20", sources: [analystSource], data: { party: "russia", issue: "nato", position: "rejects" } }),
      stream: "party-russia",
    };
    await store.append("party-russia", [legacy], "any");
    const chronicle = await Chronicle.open(store, { follow: false });
    const doc = chronicle.asOf().state("2025-12-01");
    expect(doc.stances.map((s) => [s.party, s.issue, s.position, s.proposition])).toEqual([["russia", "nato", "rejects", null]]);
    expect(doc.vocabulary.parties).toEqual([{ id: "russia", name: "russia", kind: null, aliases: [], declared: false }]);
    expect(doc.vocabulary.issues).toEqual([{ id: "nato", proposition: null, wordings: [], declared: false }]);
    expect(chronicle.negotiationSummaries()).toMatchObject([{ name: "default", opened: false, title: null, developments: 1 }]);
    // Reading is kept; writing into it needs it opened, like any negotiation.
    const again = { type: "StanceStated", occurredAt: "2025-11-21", sources: [analystSource], data: { party: "russia", issue: "nato", position: "rejects" } };
    await expect(chronicle.record([again], { negotiation: "default" })).rejects.toThrow(/negotiation 'default' was never opened/);
    await chronicle.close();
  });
});
