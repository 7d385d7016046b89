import { describe, expect, it } from "vitest";
import { resolveDate, resolveMoment } from "../../events/valid-time.ts";

describe("valid time: a date is an interval as wide as its precision", () => {
  it("a day runs from midnight to the last millisecond, UTC", () => {
    expect(resolveDate("2025-12-02")).toEqual({ precision: "day", from: "2025-12-02T00:00:00.000Z", to: "2025-12-02T23:59:59.999Z" });
  });

  it("a month covers all its days, February of a leap year included", () => {
    expect(resolveDate("2025-08")).toMatchObject({ precision: "month", from: "2025-08-01T00:00:00.000Z", to: "2025-08-31T23:59:59.999Z" });
    expect(resolveDate("2024-02")).toMatchObject({ to: "2024-02-29T23:59:59.999Z" });
  });

  it("a week is ISO: Monday to Sunday, also when given one of its days", () => {
    expect(resolveDate("2025-W48")).toMatchObject({ precision: "week", from: "2025-11-24T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z" });
    expect(resolveDate("2025-11-27", "week")).toEqual(resolveDate("2025-W48"));
    expect(resolveDate("2026-W01")).toMatchObject({ from: "2025-12-29T00:00:00.000Z" });
  });

  it("an instant keeps its offset's meaning", () => {
    expect(resolveDate("2025-12-02T18:00:00+03:00")).toMatchObject({ precision: "instant", from: "2025-12-02T15:00:00.000Z" });
  });

  it("rejects impossible and malformed dates with a reason", () => {
    for (const bad of ["2025-02-30", "2025-13", "2025-W54", "2025-12-2", "last week", "2025-11-31T10:00:00Z"]) expect(typeof resolveDate(bad), bad).toBe("string");
  });

  it("reads a query date as the end of that day", () => {
    expect(resolveMoment("2025-12-03")).toBe("2025-12-03T23:59:59.999Z");
    expect(resolveMoment("2025-12-03T10:00:00Z")).toBe("2025-12-03T10:00:00.000Z");
    expect(resolveMoment("3 Dec")).toBeUndefined();
  });
});
