import { describe, it } from "vitest";
import { reports, type Report } from "./reports.ts";
import { leakedLastMonth, umerovSteppedIn } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(reports);

const leaked = reported(
  "DevelopmentReported",
  "2025-11",
  { summary: "The 28-point draft leaked to the media", parties: ["us"], issues: [], quote: "a 28-point draft that leaked to the media last month" },
  leakedLastMonth,
);
const raided = reported(
  "DevelopmentReported",
  { date: "../2025-11-30", label: "before the Florida round" },
  { summary: "A raid on Yermak's home", parties: ["ukraine"], issues: [] },
  umerovSteppedIn,
);

/** The leak as the projection should keep it: the article's words, dated to the month "last month" names. */
const leakedReport: Report = {
  summary: "The 28-point draft leaked to the media",
  parties: ["us"],
  issues: [],
  quote: "a 28-point draft that leaked to the media last month",
  at: { precision: "month", from: "2025-11-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z" },
  ref: { eventId: leaked.id, until: "2025-11-30T23:59:59.999Z" },
};

describe("reports", () => {
  it("keeps a development in the article's own words, dated only to the month 'last month' names", () => {
    given([]).when(leaked).then([leakedReport]);
  });

  it("adds each development after those folded before it, without a quote when none is given", () => {
    given([leaked])
      .when(raided)
      .then([
        leakedReport,
        {
          summary: "A raid on Yermak's home",
          parties: ["ukraine"],
          issues: [],
          quote: null,
          at: { precision: "interval", from: "0000-01-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z", label: "before the Florida round" },
          ref: { eventId: raided.id, until: "2025-11-30T23:59:59.999Z" },
        },
      ]);
  });
});
