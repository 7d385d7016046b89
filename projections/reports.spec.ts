import { describe, it } from "vitest";
import { reports } from "./reports.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(reports);

const leak = {
  seed: "004_e3b7d55a668e5e7c.txt",
  quote: "The discussions were focused on the key parts of an American-backed peace framework, which initially revolved around a 28-point draft that leaked to the media last month, leaving Vladimir Zelensky’s Western European backers blindsided and sidelined.",
};
const raid = {
  seed: "001_5e83baba2592feae.txt",
  quote: "Umerov stepped in after Andriy Yermak resigned as Zelensky’s chief of staff amid a sweeping anti-corruption investigation, triggered by a raid on his home.",
};

const leaked = reported("DevelopmentReported", "2025-11", { summary: "The 28-point draft leaked to the media", parties: ["us"], issues: [], quote: "a 28-point draft that leaked to the media last month" }, leak);
const raided = reported("DevelopmentReported", { date: "../2025-11-30", label: "before the Florida round" }, { summary: "A raid on Yermak's home", parties: ["ukraine"], issues: [] }, raid);

describe("reports", () => {
  it("keeps a development in the article's own words, dated only to the month 'last month' names", () => {
    given([]).when(leaked).then([{
      summary: "The 28-point draft leaked to the media", parties: ["us"], issues: [], quote: "a 28-point draft that leaked to the media last month",
      at: { precision: "month", from: "2025-11-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z" }, ref: { eventId: leaked.id, until: "2025-11-30T23:59:59.999Z" },
    }]);
  });

  it("adds each development after those folded before it, without a quote when none is given", () => {
    given([leaked]).when(raided).then([
      {
        summary: "The 28-point draft leaked to the media", parties: ["us"], issues: [], quote: "a 28-point draft that leaked to the media last month",
        at: { precision: "month", from: "2025-11-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z" }, ref: { eventId: leaked.id, until: "2025-11-30T23:59:59.999Z" },
      },
      {
        summary: "A raid on Yermak's home", parties: ["ukraine"], issues: [], quote: null,
        at: { precision: "interval", from: "0000-01-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z", label: "before the Florida round" }, ref: { eventId: raided.id, until: "2025-11-30T23:59:59.999Z" },
      },
    ]);
  });
});
