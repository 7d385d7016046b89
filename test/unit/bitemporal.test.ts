import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Chronicle } from "../../src/engine/chronicle.ts";
import type { StateDocument } from "../../src/engine/document.ts";
import { seededChronicle } from "../support/chronicle.ts";
import { analystSource, stanceInput } from "../support/events.ts";

let chronicle: Chronicle;
beforeEach(async () => {
  chronicle = await seededChronicle();
});
afterEach(() => chronicle.close());

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
/** The state without `position`, which moves with every append whatever it changes. */
const facts = (doc: StateDocument) => ({ ...doc, position: 0 });
const planId = (c: Chronicle) =>
  c
    .asOf()
    .history()
    .find((e) => e.type === "PlanRevised")!.eventId;
const pointCount = (doc: StateDocument) => doc.plans[0]?.pointCount;

describe("transaction time (knownAt)", () => {
  it("shows nothing as known before the seeds were published on 3 Dec, and everything on that day", () => {
    const before = chronicle.asOf({ knownAt: "2025-12-02" }).state("2025-12-03");
    expect(before.plans).toEqual([]);
    expect(before.meetings).toEqual([]);
    expect(before.knownAt).toBe("2025-12-02T23:59:59.999Z");
    expect(facts(chronicle.asOf({ knownAt: "2025-12-03" }).state("2025-12-03"))).toEqual({
      ...facts(chronicle.asOf().state("2025-12-03")),
      knownAt: "2025-12-03T23:59:59.999Z",
    });
  });

  it("falls back to when the store recorded an event that carries no report date", async () => {
    const { reportedAt, ...unreported } = stanceInput({ occurredAt: "2025-12-05" });
    expect(reportedAt).toBeDefined();
    await chronicle.record([unreported]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      chronicle
        .asOf({ knownAt: "2025-12-31" })
        .state("2025-12-06")
        .stances.find((s) => s.party === "europe" && s.issue === "nato"),
    ).toBeUndefined();
    expect(
      chronicle
        .asOf({ knownAt: today })
        .state("2025-12-06")
        .stances.find((s) => s.party === "europe" && s.issue === "nato")?.position,
    ).toBe("supports");
  });
});

describe("a late report of an early development (backfill)", () => {
  const late = stanceInput({ party: "europe", issue: "security-guarantees", position: "supports", occurredAt: "2025-11-22", reportedAt: "2025-12-10" });

  it("changes the answers for dates from the development on, and only those", async () => {
    const dates = days("2025-11-15", "2025-12-06");
    const before = dates.map((at) => facts(chronicle.asOf().state(at)));
    await chronicle.record([late]);
    const after = dates.map((at) => facts(chronicle.asOf().state(at)));
    dates.forEach((at, i) => {
      const europe = after[i]!.stances.find((s) => s.party === "europe" && s.issue === "security-guarantees");
      if (at < "2025-11-22") {
        expect(after[i], at).toEqual(before[i]);
        expect(europe).toBeUndefined();
      } else {
        expect(europe?.position, at).toBe("supports");
        expect(after[i]!.stances.filter((s) => s.party !== "europe" || s.issue !== "security-guarantees")).toEqual(before[i]!.stances);
      }
    });
  });

  it("is not in what the record showed before it was reported", async () => {
    await chronicle.record([late]);
    const europe = (doc: StateDocument) => doc.stances.find((s) => s.party === "europe" && s.issue === "security-guarantees");
    expect(europe(chronicle.asOf({ knownAt: "2025-12-09" }).state("2025-12-01"))).toBeUndefined();
    expect(europe(chronicle.asOf({ knownAt: "2025-12-10" }).state("2025-12-01"))?.position).toBe("supports");
    expect(europe(chronicle.asOf({ knownAt: "2025-12-10" }).state("2025-11-21"))).toBeUndefined();
  });

  it("updates a cached knownAt view when the late report arrives", async () => {
    const basis = { knownAt: "2025-12-20" };
    expect(
      chronicle
        .asOf(basis)
        .state("2025-12-01")
        .stances.some((s) => s.party === "europe" && s.issue === "security-guarantees"),
    ).toBe(false);
    await chronicle.record([late]);
    expect(
      chronicle
        .asOf(basis)
        .state("2025-12-01")
        .stances.some((s) => s.party === "europe" && s.issue === "security-guarantees"),
    ).toBe(true);
  });
});

describe("corrections, never edits", () => {
  const correction = (targetId: string, reportedAt: string, data: Record<string, unknown>) => ({
    type: "ReportCorrected",
    occurredAt: reportedAt,
    reportedAt,
    sources: [{ ...analystSource, publishedAt: reportedAt, quote: "The plan was cut to 20 points, not 22." }],
    data: { correctedEventId: targetId, reason: "later reporting gives 20 points", data },
  });

  it("applies a correction for every valid time once known, and reproduces the state before it", async () => {
    await chronicle.record([correction(planId(chronicle), "2025-12-08", { pointCount: 20 })]);
    expect(pointCount(chronicle.asOf().state("2025-12-03"))).toBe(20);
    expect(pointCount(chronicle.asOf({ knownAt: "2025-12-07" }).state("2025-12-03"))).toBe(22);
    expect(pointCount(chronicle.asOf().state("2025-11-21"))).toBe(28);
    const entry = chronicle
      .asOf()
      .history()
      .find((e) => e.eventId === planId(chronicle))!;
    expect(entry.correctedBy).not.toBeNull();
    expect(entry.sources.map((s) => s.quote)).toContain("The plan was cut to 20 points, not 22.");
  });

  it("keeps the original event in the store untouched", async () => {
    const id = planId(chronicle);
    await chronicle.record([correction(id, "2025-12-08", { pointCount: 20 })]);
    const stored = await chronicle.store.findById(id);
    expect(stored?.data).toMatchObject({ pointCount: 22 });
  });

  it("lets a later correction supersede an earlier one", async () => {
    await chronicle.record([correction(planId(chronicle), "2025-12-08", { pointCount: 20 })]);
    await chronicle.record([correction(planId(chronicle), "2025-12-09", { pointCount: 21 })]);
    expect(pointCount(chronicle.asOf().state("2025-12-03"))).toBe(21);
    expect(pointCount(chronicle.asOf({ knownAt: "2025-12-08" }).state("2025-12-03"))).toBe(20);
  });

  it("can move a development in valid time", async () => {
    await chronicle.record([
      {
        ...correction(planId(chronicle), "2025-12-08", {}),
        data: { correctedEventId: planId(chronicle), reason: "a later report puts the revision on 21 Nov", occurredAt: "2025-11-21" },
      },
    ]);
    expect(pointCount(chronicle.asOf().state("2025-11-21"))).toBe(22);
    expect(pointCount(chronicle.asOf({ knownAt: "2025-12-07" }).state("2025-11-21"))).toBe(28);
  });

  it("retracts a report: the dispute it raised disappears once known, and stays in the record before", async () => {
    const fired = chronicle
      .asOf()
      .history()
      .find((e) => e.type === "OfficialLeftOffice" && e.summary.includes("fired"))!;
    await chronicle.record([
      {
        type: "ReportRetracted",
        occurredAt: "2025-12-08",
        reportedAt: "2025-12-08",
        sources: [{ ...analystSource, quote: "Yermak was not fired." }],
        data: { retractedEventId: fired.eventId, reason: "the outlet withdrew the claim" },
      },
    ]);
    const now = chronicle.asOf().state("2025-12-03");
    expect(now.disputes.some((d) => d.subject.includes("Yermak"))).toBe(false);
    expect(now.people.find((p) => p.name === "Andriy Yermak")?.manner).toBe("resigned");
    expect(
      chronicle
        .asOf({ knownAt: "2025-12-07" })
        .state("2025-12-03")
        .disputes.some((d) => d.subject.includes("Yermak")),
    ).toBe(true);
  });

  it("rejects a correction whose replacement does not fit the corrected event's schema, naming the field", async () => {
    const head = chronicle.head;
    await expect(chronicle.record([correction(planId(chronicle), "2025-12-08", { pointCount: -3 })])).rejects.toThrow(/data\.data\.pointCount/);
    expect(chronicle.head).toBe(head);
  });
});

describe("diff", () => {
  it("reports the plan shrinking from 28 to 22 points between 21 Nov and 3 Dec, with the events behind it", () => {
    const report = chronicle.asOf().diff("2025-11-21", "2025-12-03");
    const planChange = report.changes.find((c) => c.key === "plan:us-peace-plan")!;
    expect(planChange.before).toMatchObject({ pointCount: 28 });
    expect(planChange.after).toMatchObject({ pointCount: 22 });
    expect(planChange.eventIds).toContain(planId(chronicle));
    expect(report.changes.find((c) => c.key === "meeting:kremlin-2025-12-02")?.change).toBe("added");
    expect(report.events.map((e) => e.type)).toContain("PlanRevised");
    expect(report.events.every((e) => e.occurredAtRange.from! > "2025-11-21T23:59:59.999Z")).toBe(true);
  });

  it("reports no change over a quiet span", () => {
    expect(chronicle.asOf().diff("2025-09-01", "2025-10-01").changes).toEqual([]);
  });
});
