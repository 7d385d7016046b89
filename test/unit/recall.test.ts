import { describe, expect, it } from "vitest";
import { edtfInterval } from "../../src/intake/edtf.ts";
import { contains, recordedInterval, verdictFor } from "../../src/intake/recall.ts";
import type { ProposedEvent } from "../../src/intake/proposal.ts";

describe("comparing drafted and recorded dates as intervals of days", () => {
  it("reads every EDTF form drafting writes", () => {
    expect(edtfInterval("2025-12-02")).toEqual({ from: "2025-12-02", to: "2025-12-02" });
    expect(edtfInterval("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(edtfInterval("2025-11-24/2025-12-02")).toEqual({ from: "2025-11-24", to: "2025-12-02" });
    expect(edtfInterval("../2025-12-03")).toEqual({ from: null, to: "2025-12-03" });
    expect(edtfInterval("2025-11-20/..")).toEqual({ from: "2025-11-20", to: null });
    expect(edtfInterval("last week")).toBeUndefined();
  });

  it("reads the recorded forms of today (date, {date, precision}, {from, to}) and EDTF", () => {
    expect(recordedInterval("2025-08")).toEqual({ from: "2025-08-01", to: "2025-08-31" });
    expect(recordedInterval({ date: "2025-12-02", precision: "day", label: "Tuesday" })).toEqual({ from: "2025-12-02", to: "2025-12-02" });
    expect(recordedInterval({ from: "2025-11-24", to: "2025-11-30", label: "last week" })).toEqual({ from: "2025-11-24", to: "2025-11-30" });
    expect(recordedInterval({ date: "../2025-11-20", label: "before the leak" })).toEqual({ from: null, to: "2025-11-20" });
  });

  it("an open start contains any earlier start; a closed one only a later one", () => {
    expect(contains({ from: null, to: "2025-12-03" }, { from: "2025-08-01", to: "2025-08-31" })).toBe(true);
    expect(contains({ from: "2025-11-24", to: "2025-12-02" }, { from: "2025-11-24", to: "2025-11-30" })).toBe(true);
    expect(contains({ from: "2025-11-25", to: "2025-12-02" }, { from: "2025-11-24", to: "2025-11-30" })).toBe(false);
    expect(contains({ from: "2025-11-24", to: "2025-12-02" }, { from: null, to: "2025-11-30" })).toBe(false);
  });

  it("needs the type, the sentence from the same seed and a containing range", () => {
    const event = (type: string, date: string, quote: string): ProposedEvent => ({
      type,
      occurredAt: { date, label: "x" },
      reportedAt: "2025-12-03",
      sources: [{ outlet: "o", publishedAt: "2025-12-03", quote }],
      data: {},
      draft: { cues: [], confidence: 0.5, needs: [] },
    });
    const recorded = { type: "MeetingHeld", occurredAt: "2025-12-02", sources: [{ seed: "001_a.txt", quote: "They met on Tuesday." }] };
    expect(verdictFor(recorded, [{ seed: "001_a.txt", event: event("MeetingHeld", "2025-12-02", "They met on Tuesday.") }]).verdict).toBe("found");
    expect(verdictFor(recorded, [{ seed: "002_b.txt", event: event("MeetingHeld", "2025-12-02", "They met on Tuesday.") }]).verdict).toMatch(/^no draft/);
    expect(verdictFor(recorded, [{ seed: "001_a.txt", event: event("StatementMade", "2025-12-02", "They met on Tuesday.") }]).verdict).toMatch(/^no draft/);
    expect(verdictFor(recorded, [{ seed: "001_a.txt", event: event("MeetingHeld", "2025-12-03", "They met on Tuesday.") }]).verdict).toMatch(/^date range/);
  });
});
