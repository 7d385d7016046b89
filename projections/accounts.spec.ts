import { describe, it } from "vitest";
import { accounts } from "./accounts.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(accounts);

const madePublic = { seed: "000_0a8234fe7da3e909.txt", quote: "Last month, a peace proposal by the US also became public, but it was heavily criticised for favouring the Russian side as it granted some of the Kremlin’s core demands that Kyiv has rejected as nonstarters." };
const leak = { seed: "001_5e83baba2592feae.txt", quote: "In the wake of the Nov. 20 leak of the Trump Administration’s 28-point peace proposal, President Zelensky and several European leaders issued strong objections, condemning the plan’s call for Ukraine to reduce its military posture and relinquish significant territory." };
const steppedIn = { seed: "001_5e83baba2592feae.txt", quote: "Umerov stepped in after Andriy Yermak resigned as Zelensky’s chief of staff amid a sweeping anti-corruption investigation, triggered by a raid on his home." };
const fired = { seed: "004_e3b7d55a668e5e7c.txt", quote: "minus former Zelensky aide Andrey Yermak, who has been fired" };
const noCloser = { seed: "000_0a8234fe7da3e909.txt", quote: "“We are no closer to resolving the crisis in Ukraine, and there is much work to be done.”" };

const howPublic = "how the US peace plan became public";
const leaked = reported("DevelopmentReported", "2025-11-20", { summary: "The 28-point draft leaked", parties: ["us"], issues: [], subject: howPublic, claim: "leaked" }, leak);
const becamePublic = reported("DevelopmentReported", "2025-11", { summary: "The plan became public last month", parties: ["us"], issues: [], subject: howPublic, claim: "became public (how not said)" }, madePublic);
const leakedAgain = reported("DevelopmentReported", "2025-11-20", { summary: "The draft leaked to the media", parties: ["us"], issues: [], subject: howPublic, claim: "leaked" }, leak);

const beforeFlorida = { date: "../2025-11-30", label: "before the Florida round" };
const resigned = reported("OfficialLeftOffice", beforeFlorida, { person: "Andriy Yermak", party: "ukraine", role: "Zelensky's chief of staff", manner: "resigned" }, steppedIn);
const wasFired = reported("OfficialLeftOffice", beforeFlorida, { person: "Andriy Yermak", party: "ukraine", role: "Zelensky's chief of staff", manner: "fired" }, fired);
const yermak = "how Andriy Yermak left office as Zelensky's chief of staff";
const until30Nov = "2025-11-30T23:59:59.999Z";

describe("accounts", () => {
  it("files a claim under its subject", () => {
    given([]).when(leaked).then({ [howPublic]: { leaked: [{ eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" }] } });
  });

  it("keeps a second claim on the same subject beside the first: a dispute, each with its sources", () => {
    given([leaked]).when(becamePublic).then({
      [howPublic]: { leaked: [{ eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" }], "became public (how not said)": [{ eventId: becamePublic.id, until: until30Nov }] },
    });
  });

  it("piles reports that agree up under one claim", () => {
    given([leaked]).when(leakedAgain).then({
      [howPublic]: { leaked: [{ eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" }, { eventId: leakedAgain.id, until: "2025-11-20T23:59:59.999Z" }] },
    });
  });

  it("takes what a statement claims as an account too", () => {
    const ushakov = reported("StatementMade", "2025-12-03", { speaker: "Yury Ushakov", party: "russia", summary: "Ushakov on progress", issues: [], subject: "progress at the Kremlin meeting", claim: "no closer" }, noCloser);
    given([]).when(ushakov).then({ "progress at the Kremlin meeting": { "no closer": [{ eventId: ushakov.id, until: "2025-12-03T23:59:59.999Z" }] } });
  });

  it("ignores a report or statement that claims nothing", () => {
    const plain = reported("StatementMade", "2025-12-03", { speaker: "Yury Ushakov", party: "russia", summary: "Ushakov on progress", issues: [] }, noCloser);
    given([leaked]).when(plain).thenUnchanged();
  });

  it("records resigned and fired as two accounts of how someone left office", () => {
    given([resigned]).when(wasFired).then({ [yermak]: { resigned: [{ eventId: resigned.id, until: until30Nov }], fired: [{ eventId: wasFired.id, until: until30Nov }] } });
  });

  it("takes a departure whose manner is unknown as no account of it", () => {
    const unknown = reported("OfficialLeftOffice", beforeFlorida, { person: "Andriy Yermak", party: "ukraine", role: "Zelensky's chief of staff", manner: "unknown" }, steppedIn);
    given([resigned]).when(unknown).thenUnchanged();
  });

  it("moves a corrected report's account to the claim the correction gives, under the original event's id", () => {
    // What the engine folds once 004's "fired" is corrected to "resigned": the same event, its manner replaced.
    const corrected = { ...wasFired, data: { ...wasFired.data, manner: "resigned" } } as typeof wasFired;
    given([resigned]).when(corrected).then({ [yermak]: { resigned: [{ eventId: resigned.id, until: until30Nov }, { eventId: wasFired.id, until: until30Nov }] } });
  });
});
