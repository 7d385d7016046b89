import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chronicle } from "../src/engine/chronicle.ts";
import type { StateDocument } from "../src/engine/document.ts";
import { seededChronicle, seedText } from "./support/chronicle.ts";

// Every expectation below can be checked by reading ../shared/seeds/ (file names in comments).
let chronicle: Chronicle;
beforeAll(async () => {
  chronicle = await seededChronicle();
});
afterAll(() => chronicle.close());

const plan = (doc: StateDocument) => doc.plans.find((p) => p.id === "us-peace-plan");
const stance = (doc: StateDocument, party: string, issue: string) => doc.stances.find((s) => s.party === party && s.issue === issue);
const meeting = (doc: StateDocument, place: string) => doc.meetings.find((m) => m.place.includes(place));
const seedsOf = (sources: { seed?: string }[]) => new Set(sources.map((s) => s.seed?.slice(0, 3)));

describe("before the leak (19 Nov 2025)", () => {
  it("knows of the Alaska summit (000: 'met Putin in Alaska in August') and of no plan", () => {
    const doc = chronicle.stateAt({ at: "2025-11-19" });
    expect(plan(doc)).toBeUndefined();
    const alaska = meeting(doc, "Alaska");
    expect(alaska?.status).toBe("held");
    expect(alaska?.datePrecision).toBe("month");
    expect(alaska?.participants.map((p) => p.name).sort()).toEqual(["Donald Trump", "Vladimir Putin"]);
    expect(meeting(doc, "Kremlin")).toBeUndefined();
  });

  it("flags the Alaska summit as tentative in mid-August: 'August' does not say which day", () => {
    expect(meeting(chronicle.stateAt({ at: "2025-08-15" }), "Alaska")?.tentative).toBe(true);
    expect(meeting(chronicle.stateAt({ at: "2025-08-31" }), "Alaska")?.tentative).toBe(false);
    expect(meeting(chronicle.stateAt({ at: "2025-07-31" }), "Alaska")).toBeUndefined();
  });
});

describe("after the leak (21 Nov 2025)", () => {
  it("shows the leaked 28-point plan (001: 'Nov. 20 leak of the ... 28-point peace proposal') with its three known points", () => {
    const p = plan(chronicle.stateAt({ at: "2025-11-21" }))!;
    expect(p.pointCount).toBe(28);
    expect(p.manner).toBe("leaked");
    expect(p.contentsDisclosed).toBe(false);
    expect(p.tentative).toBe(false);
    expect(p.points.map((x) => [x.issue, x.status]).sort()).toEqual([
      ["military-limits", "proposed"],
      ["nato", "proposed"],
      ["territory", "proposed"],
    ]);
    expect(p.points.every((x) => x.number === null)).toBe(true); // no seed numbers the points
  });

  it("states the US positions as proposed in the plan, and Ukraine's objections as tentative (undated reactions)", () => {
    const doc = chronicle.stateAt({ at: "2025-11-21" });
    expect(stance(doc, "us", "territory")?.position).toBe("supports");
    expect(stance(doc, "us", "nato")?.position).toBe("rejects");
    const ukraine = stance(doc, "ukraine", "territory")!;
    expect(ukraine.position).toBe("rejects");
    expect(ukraine.tentative).toBe(true);
  });
});

describe("Geneva, 'last week' before 3 Dec (001, 003)", () => {
  it("is tentative inside the week: the revision to 22 points may or may not have happened yet", () => {
    const p = plan(chronicle.stateAt({ at: "2025-11-26" }))!;
    expect(p.pointCount).toBe(22);
    expect(p.tentative).toBe(true);
    expect(meeting(chronicle.stateAt({ at: "2025-11-26" }), "Geneva")?.datePrecision).toBe("interval");
  });

  it("is settled after the week: 22 points, contents not disclosed, every known point undisclosed", () => {
    const p = plan(chronicle.stateAt({ at: "2025-12-01" }))!;
    expect(p.pointCount).toBe(22);
    expect(p.tentative).toBe(false);
    expect(p.contentsDisclosed).toBe(false);
    expect(p.points.map((x) => x.status)).toEqual(["undisclosed", "undisclosed", "undisclosed"]);
    expect(p.revisions.map((r) => r.pointCount)).toEqual([28, 22]);
    expect(seedsOf(p.revisions[1]!.sources)).toEqual(new Set(["001", "003", "002"]));
  });
});

describe("the Florida round and Yermak's departure", () => {
  it("records the Florida round: Rubio, Witkoff and Umerov, four hours (004: 'for four hours')", () => {
    const florida = meeting(chronicle.stateAt({ at: "2025-12-01" }), "Florida")!;
    expect(florida.status).toBe("held");
    expect(florida.durationHours).toBe(4);
    expect(florida.participants.map((p) => p.name)).toEqual(expect.arrayContaining(["Marco Rubio", "Steve Witkoff", "Rustem Umerov"]));
  });

  it("keeps both accounts of Yermak leaving: resigned (001) and fired (004), unresolved", () => {
    const doc = chronicle.stateAt({ at: "2025-12-03" });
    const yermak = doc.people.find((p) => p.name === "Andriy Yermak")!;
    expect(yermak.status).toBe("left-office");
    expect(yermak.manner).toBe("disputed");
    const dispute = doc.disputes.find((d) => d.subject.includes("Yermak"))!;
    const bySeed = Object.fromEntries(dispute.accounts.map((a) => [a.claim, [...seedsOf(a.sources)]]));
    expect(bySeed).toEqual({ resigned: ["001"], fired: ["004"] });
  });

  it("makes Umerov the lead negotiator", () => {
    const roles = chronicle.stateAt({ at: "2025-12-03" }).people.filter((p) => p.name === "Rustem Umerov").map((p) => p.role);
    expect(roles).toContain("lead negotiator");
  });
});

describe("the Kremlin meeting of Tuesday 2 Dec", () => {
  it("is held on 2 Dec for about five hours, with four documents presented (004)", () => {
    const doc = chronicle.stateAt({ at: "2025-12-02" });
    const kremlin = meeting(doc, "Kremlin")!;
    expect(kremlin.date.from.slice(0, 10)).toBe("2025-12-02");
    expect(kremlin.datePrecision).toBe("day");
    expect(kremlin.durationHours).toBe(5);
    expect(kremlin.durationApproximate).toBe(true);
    expect(kremlin.documentsPresented).toBe(4);
    expect(kremlin.participants.map((p) => p.name)).toEqual(
      expect.arrayContaining(["Vladimir Putin", "Steve Witkoff", "Jared Kushner", "Yury Ushakov", "Kirill Dmitriev"]),
    );
    expect(seedsOf(kremlin.sources)).toEqual(new Set(["000", "001", "002", "003", "004"]));
    expect(doc.documents.find((d) => d.meetingId === "kremlin-2025-12-02")?.count).toBe(4);
  });

  it("is absent the day before", () => {
    expect(meeting(chronicle.stateAt({ at: "2025-12-01" }), "Kremlin")).toBeUndefined();
  });
});

describe("3 Dec, the day of the reports", () => {
  const doc = () => chronicle.stateAt({ at: "2025-12-03" });

  it("keeps Ushakov's two accounts of progress side by side (000 'no closer' vs 001 'not further away')", () => {
    const dispute = doc().disputes.find((d) => d.subject.startsWith("Ushakov"))!;
    expect(dispute.accounts.map((a) => a.claim).sort()).toEqual(["no closer to resolving the crisis", "progress was not further away"]);
  });

  it("has the Miami meeting scheduled for Thursday 4 Dec (000)", () => {
    const miami = meeting(doc(), "Miami")!;
    expect(miami.status).toBe("scheduled");
    expect(miami.date.from.slice(0, 10)).toBe("2025-12-04");
  });

  it("holds each party's stance on NATO as the seeds report it", () => {
    expect(stance(doc(), "ukraine", "nato")?.position).toBe("supports"); // 000: important for it to become a NATO member
    expect(stance(doc(), "russia", "nato")?.position).toBe("rejects"); // 000: Kyiv must never be allowed to join
    expect(stance(doc(), "us", "territory")?.speaker).toBe("Marco Rubio"); // 003: "the decision is theirs"
    expect(stance(doc(), "us", "territory")?.position).toBe("undecided");
  });

  it("quotes every source verbatim from the seed it names, and repairs its mis-decoded characters", () => {
    const sources = [...doc().stances.flatMap((s) => s.sources), ...doc().meetings.flatMap((m) => m.sources), ...doc().statements.flatMap((s) => s.sources)];
    expect(sources.length).toBeGreaterThan(50);
    for (const s of sources) {
      expect(seedText(s.seed!)).toContain(s.quote);
      expect(s.quoteClean).not.toMatch(/[\u0e00-\u0e7f]/);
    }
    const dirty = sources.find((s) => s.quote.includes("โ€™"))!;
    expect(dirty.quoteClean).toContain("’");
  });
});
