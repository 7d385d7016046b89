import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import { rubioProductive, ushakovNoCloser } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";
import { statements, type Statement } from "./statements.ts";

const given = ProjectionSpecification.for(statements);

const dec3: ValidTime = { precision: "day", from: "2025-12-03T00:00:00.000Z", to: "2025-12-03T23:59:59.999Z" };

/** What Ushakov said after the Kremlin meeting (seed 003), and whom it concerns. */
const ushakovWords = {
  speaker: "Yury Ushakov",
  party: "russia",
  summary: "Ushakov: no closer to resolving the crisis",
  quote: "We are no closer to resolving the crisis in Ukraine, and there is much work to be done.",
  issues: ["nato"],
  meetingId: "kremlin-2025-12-02",
};

const ushakov = reported("StatementMade", "2025-12-03", { ...ushakovWords, subject: "progress at the Kremlin meeting", claim: "no closer" }, ushakovNoCloser);
// Kept as said: the statement's words and whom they concern go into the state unchanged, the dispute's subject and claim do not.
const ushakovSaid: Statement = {
  ...ushakovWords,
  at: dec3,
  ref: { eventId: ushakov.id, until: "2025-12-03T23:59:59.999Z" },
};

describe("statements", () => {
  it("files what was said under its speaker, with the meeting it was said about", () => {
    given([])
      .when(ushakov)
      .then({ "Yury Ushakov": [ushakovSaid] });
  });

  it("adds a speaker's later statement after the earlier, and another speaker's beside them, without quote or meeting when none is given", () => {
    const again = reported("StatementMade", "2025-12-03", { speaker: "Yury Ushakov", party: "russia", summary: "Ushakov: talks constructive", issues: [] }, ushakovNoCloser);
    const rubio = reported(
      "StatementMade",
      { date: "2025-11-29/2025-11-30", label: "over the weekend" },
      { speaker: "Marco Rubio", party: "us", summary: "Rubio: productive, additional work remains", issues: ["territory"] },
      rubioProductive,
    );
    given([ushakov, again])
      .when(rubio)
      .then({
        "Yury Ushakov": [
          ushakovSaid,
          {
            speaker: "Yury Ushakov",
            party: "russia",
            summary: "Ushakov: talks constructive",
            quote: null,
            issues: [],
            meetingId: null,
            at: dec3,
            ref: { eventId: again.id, until: "2025-12-03T23:59:59.999Z" },
          },
        ],
        "Marco Rubio": [
          {
            speaker: "Marco Rubio",
            party: "us",
            summary: "Rubio: productive, additional work remains",
            quote: null,
            issues: ["territory"],
            meetingId: null,
            at: { precision: "interval", from: "2025-11-29T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z", label: "over the weekend" },
            ref: { eventId: rubio.id, until: "2025-11-30T23:59:59.999Z" },
          },
        ],
      });
  });
});
