import { describe, expect, it } from "vitest";
import { findDates } from "../../src/intake/date-phrases.ts";

/**
 * Each expected value was worked out by hand from a printed calendar (Nov 2025 starts on
 * a Saturday; Wed 3 Dec 2025 is the seeds' publication day; 1 Jan 2026 is a Thursday).
 * [sentence, publication date, expected EDTF of its one date expression]
 */
const cases: [string, string, string][] = [
  // weekdays, past tense: the last such day on or before publication
  ["The Kremlin said on Wednesday that the talks went well.", "2025-12-03", "2025-12-03"],
  ["Putin met Witkoff on Tuesday.", "2025-12-03", "2025-12-02"],
  ["Ushakov spoke after Tuesday’s five-hour meeting.", "2025-12-03", "2025-12-02"],
  ["The envoys met on Thursday.", "2025-12-03", "2025-11-27"],
  ["Officials met on Monday.", "2025-12-01", "2025-12-01"],
  ["The delegation arrived on Sunday.", "2025-12-01", "2025-11-30"],
  ["The envoy met Zelensky on Friday.", "2026-01-01", "2025-12-26"],
  ["They met last Friday.", "2025-12-03", "2025-11-28"],
  ["The next round took place on Friday.", "2025-12-03", "2025-11-28"], // "next" alone is no future tense
  // weekdays, future tense: the next one after publication
  ["Witkoff and Kushner will meet them in Miami on Thursday.", "2025-12-03", "2025-12-04"],
  ["They will meet again on Wednesday.", "2025-12-03", "2025-12-10"],
  ["Talks will resume on Monday.", "2025-11-30", "2025-12-01"],
  ["They will meet next Monday.", "2025-12-03", "2025-12-08"],
  ["The envoys will fly out on Saturday.", "2025-12-31", "2026-01-03"],
  // last week: from the first day of the previous ISO (Mon–Sun) or US (Sun–Sat) week, whichever
  // is earlier, to the day before publication
  ["Officials met in Geneva last week.", "2025-12-03", "2025-11-23/2025-12-02"], // Wednesday: holds Sun 23 Nov
  ["Officials met in Geneva last week.", "2025-12-01", "2025-11-23/2025-11-30"], // Monday
  ["Officials met in Geneva last week.", "2025-11-30", "2025-11-17/2025-11-29"], // Sunday
  ["Officials met in Geneva last week.", "2026-01-05", "2025-12-28/2026-01-04"], // Monday, across the year
  ["The envoys met last week.", "2025-12-06", "2025-11-23/2025-12-05"], // Saturday
  // the weekend: the last Saturday and Sunday before publication, or the next ones
  ["A second round took place in Florida over the weekend.", "2025-12-03", "2025-11-29/2025-11-30"],
  ["A second round took place in Florida over the weekend.", "2025-12-01", "2025-11-29/2025-11-30"],
  ["A second round took place in Florida over the weekend.", "2025-11-30", "2025-11-29/2025-11-30"],
  ["A second round took place in Florida over the weekend.", "2026-01-02", "2025-12-27/2025-12-28"],
  ["They will talk again over the weekend.", "2025-12-03", "2025-12-06/2025-12-07"],
  // months, across a year boundary too
  ["Trump met Putin in Alaska in August this year.", "2025-12-03", "2025-08"],
  ["Trump met Putin in August.", "2025-12-03", "2025-08"],
  ["The plan was drafted in December.", "2026-01-05", "2025-12"],
  ["The envoy visited in November.", "2026-03-02", "2025-11"],
  ["Talks opened in March.", "2026-03-02", "2026-03"],
  ["The summit will take place in January.", "2025-12-03", "2026-01"],
  ["The ceasefire of March 2024 collapsed.", "2025-12-03", "2024-03"],
  ["Last month, a peace proposal became public.", "2025-12-03", "2025-11"],
  ["Last month, a peace proposal became public.", "2026-01-05", "2025-12"],
  ["The talks will resume next month.", "2025-12-03", "2026-01"],
  ["Earlier this month, the envoys met.", "2025-12-03", "2025-12-01/2025-12-03"],
  ["Earlier this week, the envoys met.", "2025-12-03", "2025-12-01/2025-12-03"],
  ["Earlier this week, the envoys met.", "2025-11-30", "2025-11-24/2025-11-30"],
  ["They will meet next week.", "2025-12-03", "2025-12-08/2025-12-14"],
  ["The talks happened yesterday.", "2025-12-03", "2025-12-02"],
  // recently: an open range ending at publication
  ["Umerov, the recently appointed head of the council, led the talks.", "2025-12-03", "../2025-12-03"],
  ["The envoy has recently met the president.", "2026-01-05", "../2026-01-05"],
  // explicit dates, with and without a year
  ["In the wake of the Nov. 20 leak of the plan, Europe objected.", "2025-12-03", "2025-11-20"],
  ["The plan leaked on Nov. 20.", "2026-01-05", "2025-11-20"],
  ["The meeting on 2 December lasted five hours.", "2025-12-03", "2025-12-02"],
  ["The meeting on December 2, 2025 lasted five hours.", "2026-03-02", "2025-12-02"],
  ["The Dec. 2 meeting lasted five hours.", "2025-12-03", "2025-12-02"],
  ["The plan leaked on 20 December.", "2025-12-03", "2024-12-20"],
  ["They will meet on Dec. 4.", "2025-12-03", "2025-12-04"],
  ["They will meet on 2 January.", "2025-12-03", "2026-01-02"],
];

describe("date phrases resolved against the publication date", () => {
  it.each(cases)("%s (published %s) → %s", (sentence, publishedAt, edtf) => {
    const found = findDates(sentence, publishedAt);
    expect(found.map((d) => d.edtf)).toEqual([edtf]);
  });

  it("gives the first and last day, open ends as null, and keeps the words as the label", () => {
    const [august] = findDates("Trump met Putin in Alaska in August this year.", "2025-12-03");
    expect(august).toMatchObject({ label: "August this year", from: "2025-08-01", to: "2025-08-31" });
    const [recent] = findDates("He was recently appointed.", "2025-12-03");
    expect(recent).toMatchObject({ label: "recently", from: null, to: "2025-12-03" });
    const [weekend] = findDates("They met over the weekend.", "2025-12-03");
    expect(weekend).toMatchObject({ label: "over the weekend", from: "2025-11-29", to: "2025-11-30" });
  });

  it("finds several expressions in one sentence and marks one that stands after 'prior to'", () => {
    const found = findDates("Prior to Tuesday’s talks in Moscow, Witkoff met them in Florida over the weekend.", "2025-12-03");
    expect(found.map((d) => [d.edtf, d.relation, d.possessive])).toEqual([
      ["2025-12-02", "before", true],
      ["2025-11-29/2025-11-30", "on", false],
    ]);
  });

  it("marks 'after the', 'following' and 'in the wake of the' as a lower bound", () => {
    const relation = (s: string) => findDates(s, "2025-12-03").map((d) => [d.edtf, d.relation]);
    expect(relation("In the wake of the Nov. 20 leak, Europe objected.")).toEqual([["2025-11-20", "after"]]);
    expect(relation("He spoke after the Tuesday meeting.")).toEqual([["2025-12-02", "after"]]);
    expect(relation("They met before the weekend.")).toEqual([["2025-11-29/2025-11-30", "before"]]);
  });

  it("finds nothing in a sentence without a date and never invents one from a duration", () => {
    expect(findDates("The talks lasted about five hours.", "2025-12-03")).toEqual([]);
    expect(findDates("It was the closest in the past three years.", "2025-12-03")).toEqual([]);
    expect(findDates("Witkoff met them in Florida for four hours.", "2025-12-03")).toEqual([]);
    expect(findDates("Witkoff and Kushner will now meet the negotiators.", "2025-12-03")).toEqual([]);
  });
});
