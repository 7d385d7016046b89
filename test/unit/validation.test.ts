import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidEventError } from "../../events/envelope.ts";
import type { Chronicle } from "../../src/engine/chronicle.ts";
import { seededChronicle } from "../support/chronicle.ts";
import { analystSource, stanceInput } from "../support/events.ts";

let chronicle: Chronicle;
beforeEach(async () => {
  chronicle = await seededChronicle();
});
afterEach(() => chronicle.close());

/** Records, expecting a rejection; returns the issues and checks nothing reached the store. */
async function rejected(inputs: unknown[]): Promise<{ path: string; message: string }[]> {
  const head = await chronicle.store.headPosition();
  const err = await chronicle.record(inputs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidEventError);
  expect(await chronicle.store.headPosition()).toBe(head);
  return (err as InvalidEventError).issues;
}

describe("bad input is rejected with the field named, and nothing is written", () => {
  it("an unknown event type", async () => {
    const [issue] = await rejected([{ ...stanceInput(), type: "PeaceDeclared" }]);
    expect(issue).toMatchObject({ path: "[0].type" });
    expect(issue!.message).toContain("unknown event type 'PeaceDeclared'");
    expect(issue!.message).toContain("StanceStated");
  });

  it("a field outside its vocabulary", async () => {
    const [issue] = await rejected([{ ...stanceInput(), data: { party: "europe", issue: "nato", position: "maybe" } }]);
    expect(issue!.path).toBe("[0].data.position");
  });

  it("a field the schema does not know", async () => {
    const issues = await rejected([{ ...stanceInput(), data: { party: "europe", issue: "nato", position: "supports", mood: "grim" } }]);
    expect(issues.map((i) => i.path).join()).toContain("[0].data");
    expect(issues.map((i) => i.message).join()).toContain("mood");
  });

  it("a missing required field", async () => {
    const [issue] = await rejected([{ ...stanceInput(), data: { party: "europe", position: "supports" } }]);
    expect(issue!.path).toBe("[0].data.issue");
  });

  it("an impossible date", async () => {
    const [issue] = await rejected([stanceInput({ occurredAt: "2025-02-30" })]);
    expect(issue!.path).toBe("[0].occurredAt");
    expect(issue!.message).toContain("2025-02-30");
  });

  it("a precision that does not exist", async () => {
    const issues = await rejected([stanceInput({ occurredAt: { date: "2025-11-20", precision: "fortnight" } })]);
    expect(issues[0]!.path).toMatch(/^\[0\]\.occurredAt/);
  });

  it("a date that does not match its stated precision", async () => {
    const [issue] = await rejected([stanceInput({ occurredAt: { date: "2025-11", precision: "day" } })]);
    expect(issue!.message).toContain("precision 'day'");
  });

  it("a report dated before the development it reports", async () => {
    const [issue] = await rejected([stanceInput({ occurredAt: "2025-12-05", reportedAt: "2025-12-01" })]);
    expect(issue!.path).toBe("[0].reportedAt");
  });

  it("a source link that is not http(s): the dashboard must never be handed a javascript: URL", async () => {
    const [issue] = await rejected([{ ...stanceInput(), sources: [{ outlet: "x", quote: "q", url: "javascript:alert(1)" }] }]);
    expect(issue).toEqual({ path: "[0].sources.0.url", message: "must be an http(s) URL" });
  });

  it("an event with no source", async () => {
    const [issue] = await rejected([{ ...stanceInput(), sources: [] }]);
    expect(issue!.path).toBe("[0].sources");
  });

  it("a correction pointing at no event", async () => {
    const missing = randomUUID();
    const [issue] = await rejected([{ type: "ReportRetracted", occurredAt: "2025-12-08", sources: [analystSource], data: { retractedEventId: missing, reason: "x" } }]);
    expect(issue!.path).toBe("[0].data.retractedEventId");
    expect(issue!.message).toContain(missing);
  });

  it("one bad event in a batch: the index is named and the good ones are not written either", async () => {
    const issues = await rejected([stanceInput(), stanceInput({ occurredAt: "yesterday" }), stanceInput()]);
    expect(issues[0]!.path).toBe("[1].occurredAt");
  });
});

describe("good input", () => {
  it("accepts the relative-date forms: a month, an ISO week, an interval", async () => {
    await chronicle.record([
      stanceInput({ occurredAt: "2025-11", reportedAt: "2025-12-05" }),
      stanceInput({ issue: "territory", occurredAt: "2025-W48", reportedAt: "2025-12-05" }),
      stanceInput({ issue: "military-limits", occurredAt: { from: "2025-11-24", to: "2025-11-30", label: "last week" }, reportedAt: "2025-12-05" }),
    ]);
    const europe = chronicle
      .asOf()
      .state("2025-12-04")
      .stances.filter((s) => s.party === "europe");
    expect(europe.find((s) => s.issue === "nato")).toMatchObject({ since: "2025-11", sinceRange: { precision: "month" } });
    expect(europe.find((s) => s.issue === "territory")).toMatchObject({ since: "2025-11-24/2025-11-30", sinceRange: { precision: "week", from: "2025-11-24T00:00:00.000Z" } });
    expect(europe.find((s) => s.issue === "military-limits")?.sinceRange.label).toBe("last week");
  });
});
