import edtf from "edtf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OPEN_END, OPEN_START, dateRange, edtfOf, resolveDate, type ValidTime } from "../../events/valid-time.ts";

const resolved = (text: string): ValidTime => {
  const vt = resolveDate(text);
  if (typeof vt === "string") throw new Error(vt);
  return vt;
};

describe("EDTF in: every precision the history uses", () => {
  it.each([
    ["2025-12-02", "day", "2025-12-02T00:00:00.000Z", "2025-12-02T23:59:59.999Z"],
    ["2025-08", "month", "2025-08-01T00:00:00.000Z", "2025-08-31T23:59:59.999Z"],
    ["2025", "year", "2025-01-01T00:00:00.000Z", "2025-12-31T23:59:59.999Z"],
    ["2025-11-23/2025-11-30", "interval", "2025-11-23T00:00:00.000Z", "2025-11-30T23:59:59.999Z"],
    ["../2025-11-20", "interval", OPEN_START, "2025-11-20T23:59:59.999Z"],
    ["2025-11-20/..", "interval", "2025-11-20T00:00:00.000Z", OPEN_END],
    ["2025-12-02T14:00:00Z", "instant", "2025-12-02T14:00:00.000Z", "2025-12-02T14:00:00.000Z"],
  ])("reads %s as a %s from %s to %s, and writes it back the same", (text, precision, from, to) => {
    const vt = resolved(text);
    expect(vt).toMatchObject({ precision, from, to });
    expect(edtfOf(vt)).toBe(text === "2025-12-02T14:00:00Z" ? "2025-12-02T14:00:00.000Z" : text);
  });

  it("keeps a qualifier the bounds cannot say: '2025-11-20?' is a day, uncertain", () => {
    expect(resolved("2025-11-20?")).toMatchObject({ precision: "day", edtf: "2025-11-20?" });
    expect(edtfOf(resolved("2025-11-20?"))).toBe("2025-11-20?");
  });

  it("still reads the forms accepted before EDTF: an ISO week, a date with a precision, an interval of days", () => {
    expect(edtfOf(resolved("2025-W48"))).toBe("2025-11-24/2025-11-30");
    expect(resolveDate("2025-11-27", "week")).toEqual(resolved("2025-W48"));
  });

  it("refuses what edtf.js would read surprisingly: a bare number is a Unix timestamp to it", () => {
    expect(edtf("12345").min).toBe(12345); // the library's reading, which no writer of a date means
    expect(resolveDate("12345")).toMatch(/bare number/);
    expect(resolveDate("20251202")).toMatch(/bare number/);
    expect(resolveDate("[2025-11-20..2025-11-22]")).toMatch(/set or list/);
    expect(resolveDate("../..")).toMatch(/not a date|open at both ends/);
    expect(resolveDate("last week")).toMatch(/not a date/);
    expect(resolveDate("2025-12-02/2025-12-02")).toBe("'2025-12-02/2025-12-02' runs from a date to itself: write '2025-12-02'");
  });
});

/** A valid time of any form a writer may send, from a day count within a few years. */
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * DAY).toISOString().slice(0, 10);
const written = fc.oneof(
  fc.nat(1500).map(day),
  fc.nat(1500).map((n) => day(n).slice(0, 7)),
  fc.integer({ min: 2020, max: 2030 }).map(String),
  fc.tuple(fc.nat(1500), fc.integer({ min: 1, max: 60 })).map(([n, len]) => `${day(n)}/${day(n + len)}`),
  fc.nat(1500).map((n) => `../${day(n)}`),
  fc.nat(1500).map((n) => `${day(n)}/..`),
  fc.tuple(fc.nat(1500), fc.nat(86_399)).map(([n, s]) => new Date(Date.parse(day(n)) + s * 1000).toISOString()),
  fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 52 })).map(([y, w]) => `${y}-W${String(w).padStart(2, "0")}`),
);

describe("EDTF out: the string and the interval beside it always agree", () => {
  it("for every form: the EDTF string reads back to the same interval, by Parley and by edtf.js itself", () => {
    fc.assert(
      fc.property(written, (text) => {
        const vt = resolved(text);
        const out = edtfOf(vt);
        const range = dateRange(vt);
        expect(resolved(out)).toMatchObject({ from: vt.from, to: vt.to });
        const library = edtf(out);
        expect(range.from === null ? -Infinity : Date.parse(range.from)).toBe(library.min);
        expect(range.to === null ? Infinity : Date.parse(range.to)).toBe(library.max);
      }),
      { numRuns: 2000 },
    );
  });
});
