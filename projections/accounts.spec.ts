import { describe, it } from "vitest";
import { accounts } from "./accounts.ts";
import { becamePublicLastMonth, nov20Leak, umerovSteppedIn, ushakovNoCloser, yermakFired } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(accounts);

const howPublic = "how the US peace plan became public";
const leaked = reported("DevelopmentReported", "2025-11-20", { summary: "The 28-point draft leaked", parties: ["us"], issues: [], subject: howPublic, claim: "leaked" }, nov20Leak);
const becamePublic = reported(
  "DevelopmentReported",
  "2025-11",
  { summary: "The plan became public last month", parties: ["us"], issues: [], subject: howPublic, claim: "became public (how not said)" },
  becamePublicLastMonth,
);
const leakedAgain = reported(
  "DevelopmentReported",
  "2025-11-20",
  { summary: "The draft leaked to the media", parties: ["us"], issues: [], subject: howPublic, claim: "leaked" },
  nov20Leak,
);

const beforeFlorida = { date: "../2025-11-30", label: "before the Florida round" };
const resigned = reported(
  "OfficialLeftOffice",
  beforeFlorida,
  { person: "Andriy Yermak", party: "ukraine", role: "Zelensky's chief of staff", manner: "resigned" },
  umerovSteppedIn,
);
const wasFired = reported("OfficialLeftOffice", beforeFlorida, { person: "Andriy Yermak", party: "ukraine", role: "Zelensky's chief of staff", manner: "fired" }, yermakFired);
const yermak = "how Andriy Yermak left office as Zelensky's chief of staff";
const until30Nov = "2025-11-30T23:59:59.999Z";

describe("accounts", () => {
  it("files a claim under its subject", () => {
    given([])
      .when(leaked)
      .then({ [howPublic]: { leaked: [{ eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" }] } });
  });

  it("keeps a second claim on the same subject beside the first: a dispute, each with its sources", () => {
    given([leaked])
      .when(becamePublic)
      .then({
        [howPublic]: { leaked: [{ eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" }], "became public (how not said)": [{ eventId: becamePublic.id, until: until30Nov }] },
      });
  });

  it("piles reports that agree up under one claim", () => {
    given([leaked])
      .when(leakedAgain)
      .then({
        [howPublic]: {
          leaked: [
            { eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" },
            { eventId: leakedAgain.id, until: "2025-11-20T23:59:59.999Z" },
          ],
        },
      });
  });

  it("takes what a statement claims as an account too", () => {
    const ushakov = reported(
      "StatementMade",
      "2025-12-03",
      { speaker: "Yury Ushakov", party: "russia", summary: "Ushakov on progress", issues: [], subject: "progress at the Kremlin meeting", claim: "no closer" },
      ushakovNoCloser,
    );
    given([])
      .when(ushakov)
      .then({ "progress at the Kremlin meeting": { "no closer": [{ eventId: ushakov.id, until: "2025-12-03T23:59:59.999Z" }] } });
  });

  it("ignores a report or statement that claims nothing", () => {
    const plain = reported("StatementMade", "2025-12-03", { speaker: "Yury Ushakov", party: "russia", summary: "Ushakov on progress", issues: [] }, ushakovNoCloser);
    given([leaked]).when(plain).thenUnchanged();
  });

  it("records resigned and fired as two accounts of how someone left office", () => {
    given([resigned])
      .when(wasFired)
      .then({ [yermak]: { resigned: [{ eventId: resigned.id, until: until30Nov }], fired: [{ eventId: wasFired.id, until: until30Nov }] } });
  });

  it("takes a departure whose manner is unknown as no account of it", () => {
    const unknown = reported(
      "OfficialLeftOffice",
      beforeFlorida,
      { person: "Andriy Yermak", party: "ukraine", role: "Zelensky's chief of staff", manner: "unknown" },
      umerovSteppedIn,
    );
    given([resigned]).when(unknown).thenUnchanged();
  });

  it("moves a corrected report's account to the claim the correction gives, under the original event's id", () => {
    // What the engine folds once 004's "fired" is corrected to "resigned": the same event, its manner replaced.
    const corrected = { ...wasFired, data: { ...wasFired.data, manner: "resigned" } } as typeof wasFired;
    given([resigned])
      .when(corrected)
      .then({
        [yermak]: {
          resigned: [
            { eventId: resigned.id, until: until30Nov },
            { eventId: wasFired.id, until: until30Nov },
          ],
        },
      });
  });
});
