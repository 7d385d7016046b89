import { describe, expect, it } from "vitest";
import { parseEvents } from "../../events/envelope.ts";
import { eventTypes } from "../../events/catalogue.ts";
import { planNegotiations, syntheticHistory } from "../../scripts/bench/synthetic-history.ts";

describe("the benchmark's synthetic history", () => {
  const events = [...syntheticHistory(5000)].flat();

  it("is exactly as long as asked, with every type of the catalogue, and every event valid as a writer would send it", () => {
    expect(events).toHaveLength(5000);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(eventTypes));
    expect(() => parseEvents(events.map(({ stream: _, ...input }) => input))).not.toThrow();
  });

  it("is the same on every run", () => {
    expect([...syntheticHistory(5000)].flat().map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it("spreads over many negotiations, and some developments are reported weeks after they happened", () => {
    const plans = planNegotiations(5000);
    expect(plans.reduce((sum, p) => sum + p.size, 0)).toBe(5000);
    expect(new Set(events.map((e) => e.stream.split(":")[0])).size).toBe(plans.length);
    const late = events.filter((e) => Date.parse(e.reportedAt!) - Date.parse(e.occurredAt.to) > 7 * 86_400_000);
    expect(late.length / events.length).toBeGreaterThan(0.02);
    expect(late.length / events.length).toBeLessThan(0.1);
  });
});
