import { describe, expect, it } from "vitest";
import { edtfInWords } from "../../src/http/dashboard/dates.js";

// What the record-a-development card writes beside its date field; weekdays checked against a calendar.
describe("an EDTF valid time in words", () => {
  it.each([
    ["2025-12-02", "Tuesday 2 Dec 2025, to the day"],
    ["2026-03-03", "Tuesday 3 Mar 2026, to the day"],
    ["2025-08", "Aug 2025, some day that month"],
    ["2025", "2025, some day that year"],
    ["2025-11-24/2025-11-30", "some time from Monday 24 Nov 2025 to Sunday 30 Nov 2025"],
    ["../2025-11-20", "before Thursday 20 Nov 2025 (no earlier bound)"],
    ["2025-11-20/..", "from Thursday 20 Nov 2025 on (no later bound)"],
    ["2025-12-02T14:00Z", "Tuesday 2 Dec 2025 at 14:00 UTC, the exact time"],
  ])("%s → %s", (edtf, words) => expect(edtfInWords(edtf)).toBe(words));

  it("says what it cannot read, and which forms it knows", () => {
    expect(edtfInWords("2025-02-30")).toContain("not a date this page can read: '2025-02-30'");
    expect(edtfInWords("last Tuesday")).toContain("write an EDTF date such as 2025-12-02");
    expect(edtfInWords("")).toMatch(/^no date yet/);
  });
});
