import { describe, expect, it } from "vitest";
import { parseEvent } from "../events/envelope.ts";
import { analystSource } from "./support/events.ts";

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
    const v2 = parseEvent({ type: "StanceStated", schemaVersion: 2, occurredAt: "2025-12-05", sources: [analystSource], data: { party: "us", issue: "nato", position: "conditional" } });
    expect(v2).toMatchObject({ schemaVersion: 3, data: { party: "us", issue: "nato", position: "conditional" } });
    expect(() => parseEvent({ type: "StanceStated", schemaVersion: 2, occurredAt: "2025-12-05", sources: [analystSource], data: { party: "us", issue: "nato", position: "perhaps" } })).toThrow(/position/);
  });

  it("refuses a version from the future", () => {
    expect(() => parseEvent({ type: "StanceStated", schemaVersion: 9, occurredAt: "2025-12-05", sources: [analystSource], data: {} })).toThrow(/schemaVersion/);
  });
});
