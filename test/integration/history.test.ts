import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chronicle } from "../../src/engine/chronicle.ts";
import type { DateRange } from "../../events/valid-time.ts";
import type { SourceRef, StateDocument } from "../../src/engine/document.ts";
import { seededChronicle, seedText } from "../support/chronicle.ts";

// The bundled history read as an editor reads it: every expectation below is what a reader can
// check in ../shared/seeds/. Each test names the seed (000-004) and a few words of its sentence,
// and `says` first checks that the seed does say them, so a test rests on the text, not on the code.
let chronicle: Chronicle;
beforeAll(async () => {
  chronicle = await seededChronicle();
});
afterAll(() => chronicle.close());

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const seedFiles = readdirSync(new URL("../../../shared/seeds/", import.meta.url));
const seedFile = (n: string) => seedFiles.find((f) => f.startsWith(`${n}_`))!;
const bundled = JSON.parse(readFileSync(join(repoRoot, "history", "ukraine-2025.json"), "utf8")) as Record<string, any>[];

const states = new Map<string, StateDocument>();
const state = (at: string) => states.get(at) ?? states.set(at, chronicle.asOf().state(at)).get(at)!;
const plan = (at: string) => state(at).plans.find((p) => p.id === "us-peace-plan");
const stance = (at: string, party: string, issue: string) => state(at).stances.find((s) => s.party === party && s.issue === issue);
const meeting = (at: string, place: string) => state(at).meetings.find((m) => m.place.includes(place));
const statement = (at: string, words: string) => state(at).statements.find((s) => s.quote?.includes(words) || s.sources.some((src) => src.quote.includes(words)));
const seedsOf = (sources: { seed?: string }[]) => new Set(sources.map((s) => s.seed?.slice(0, 3)));

/** Seed `n` says `phrase`, word for word. */
const says = (n: string, phrase: string) => expect(seedText(seedFile(n)), `seed ${n} says "${phrase}"`).toContain(phrase);
/** The fact cites the sentence of seed `n` that carries `phrase`. */
const cites = (sources: SourceRef[], n: string, phrase: string) => {
  says(n, phrase);
  expect(
    sources.some((s) => s.seed?.startsWith(`${n}_`) && s.quote.includes(phrase)),
    `cites ${n}: "${phrase}"`,
  ).toBe(true);
};
/** Whether an instant falls inside a date range (an open bound reaches forever). */
const inside = (range: DateRange, instant: string) =>
  (range.from === null || Date.parse(range.from) <= Date.parse(instant)) && (range.to === null || Date.parse(instant) <= Date.parse(range.to));

describe("before the leak (19 Nov 2025)", () => {
  it("knows of the Alaska summit (000 'met Putin in Alaska in August') and of no plan (001 'Nov. 20 leak')", () => {
    says("000", "met Putin in Alaska in August");
    says("001", "Nov. 20 leak");
    expect(plan("2025-11-19")).toBeUndefined();
    const alaska = meeting("2025-11-19", "Alaska");
    expect(alaska?.status).toBe("held");
    expect(alaska?.date).toBe("2025-08");
    expect(alaska?.participants.map((p) => p.name).sort()).toEqual(["Donald Trump", "Vladimir Putin"]);
    expect(meeting("2025-11-19", "Kremlin")).toBeUndefined();
  });

  it("flags the Alaska summit as tentative in mid-August: 'August' (000) does not say which day", () => {
    expect(meeting("2025-08-15", "Alaska")?.tentative).toBe(true);
    expect(meeting("2025-08-31", "Alaska")?.tentative).toBe(false);
    expect(meeting("2025-07-31", "Alaska")).toBeUndefined();
  });

  it("shows the long-standing NATO positions, tentative, with an open start (000 'repeatedly said'; 002 'long-standing demands')", () => {
    const russia = stance("2025-11-19", "russia", "nato")!;
    expect(russia.position).toBe("rejects");
    expect(russia.tentative).toBe(true);
    expect(russia.since).toBe("../2025-11-20");
    expect(russia.sinceRange.from).toBeNull();
    cites(russia.sources, "000", "Russia has repeatedly said that Kyiv must never be allowed to join");
    says("002", "long-standing demands");
    const ukraine = stance("2025-11-19", "ukraine", "nato")!;
    expect(ukraine.position).toBe("supports");
    expect(ukraine.tentative).toBe(true);
    expect(ukraine.since).toBe("../2025-11-20");
    cites(ukraine.sources, "000", "Ukraine says it is important for it to become a NATO member");
    says("002", "withdraw its bid to join NATO"); // the 20 Nov draft asked for a bid Ukraine therefore already had
  });

  it("holds them as settled once the 20 Nov draft has echoed them", () => {
    expect(stance("2025-11-21", "russia", "nato")?.tentative).toBe(false);
    expect(stance("2025-11-21", "ukraine", "nato")?.tentative).toBe(false);
  });

  it("shows the other long-standing positions, tentative (002 'entire Donbas region'; 004 'well-flagged as deal-breakers'; 000 'nonstarters')", () => {
    says("004", "well-flagged as deal-breakers by Moscow");
    says("000", "rejected as nonstarters");
    const territory = stance("2025-11-19", "russia", "territory")!;
    expect([territory.position, territory.tentative]).toEqual(["supports", true]);
    expect(territory.terms).toContain("the entire Donbas region");
    says("002", "surrender the entire Donbas region to Russia");
    const held = (party: string, issue: string) => {
      const s = stance("2025-11-19", party, issue);
      return [s?.position, s?.tentative, s?.since];
    };
    expect(held("russia", "military-limits")).toEqual(["supports", true, "../2025-11-20"]);
    // 004 lists security guarantees among the deal-breakers but never says which way Moscow leans.
    expect(held("russia", "security-guarantees")).toEqual(["unknown", true, "../2025-11-20"]);
    expect(held("ukraine", "territory")).toEqual(["rejects", true, "../2025-11-20"]);
    says("002", "demands that Ukraine has repeatedly dismissed");
  });

  it("has the US pushing for a ceasefire since Trump's return, settled before Alaska (000 'has pushed for a ceasefire')", () => {
    says("000", "pushed for a ceasefire");
    const ceasefire = stance("2025-09-01", "us", "ceasefire")!;
    expect(ceasefire.position).toBe("supports");
    expect(ceasefire.tentative).toBe(false);
    expect(stance("2025-12-03", "us", "ceasefire")?.position).toBe("supports");
  });
});

describe("after the leak (21 Nov 2025)", () => {
  it("shows the 28-point plan (001 'Nov. 20 leak of the ... 28-point peace proposal') with its three known points", () => {
    says("001", "28-point peace proposal");
    const p = plan("2025-11-21")!;
    expect(p.pointCount).toBe(28);
    expect(p.contentsDisclosed).toBe(false);
    expect(p.tentative).toBe(false);
    expect(p.points.map((x) => [x.issue, x.status]).sort()).toEqual([
      ["military-limits", "proposed"],
      ["nato", "proposed"],
      ["territory", "proposed"],
    ]);
    expect(p.points.every((x) => x.number === null)).toBe(true); // no seed numbers the points
  });

  it("keeps how the plan became public as a dispute (001, 004 'leak'; 002 'recently revealed'; 000 'became public')", () => {
    says("001", "leak");
    says("004", "leaked to the media");
    says("002", "Trump recently revealed a peace proposal");
    says("000", "became public");
    expect(plan("2025-11-21")?.manner).toBe("unknown"); // the plan's own event does not settle it
    const dispute = state("2025-11-21").disputes.find((d) => d.subject === "how the US peace plan became public")!;
    const bySeed = Object.fromEntries(dispute.accounts.map((a) => [a.claim, [...seedsOf(a.sources)].sort()]));
    expect(bySeed).toEqual({ leaked: ["001", "004"], "revealed by Trump": ["002"], "became public (how not said)": ["000"] });
  });

  it("reads the US positions off the 20 Nov draft, naming the draft (002 'According to the original outline')", () => {
    says("002", "According to the original outline");
    const nato = stance("2025-11-21", "us", "nato")!;
    const territory = stance("2025-11-21", "us", "territory")!;
    expect([nato.position, nato.tentative]).toEqual(["rejects", false]);
    expect([territory.position, territory.tentative]).toEqual(["supports", false]);
    expect(territory.terms).toContain("the entire Donbas region");
    for (const s of [nato, territory]) {
      expect(s.since).toBe("2025-11-20");
      expect(s.basis).toMatch(/20 Nov draft/);
      expect(s.basis).toMatch(/revised/); // the basis says the draft did not last
    }
  });

  it("has Ukraine's and Europe's undated reactions to the plan, tentative, and no Russian reaction yet (002 'categorically rejected'; 001 'strong objections')", () => {
    const reactions = plan("2025-11-21")!.reactions;
    expect(reactions.map((r) => [r.party, r.position, r.tentative]).sort()).toEqual([
      ["europe", "rejects", true],
      ["ukraine", "rejects", true],
    ]);
  });

  it("has Europe 'blindsided and sidelined' by the leak, as a development of its own (004)", () => {
    const sidelined = chronicle
      .asOf()
      .history({ to: "2025-11-21" })
      .find((e) => e.type === "DevelopmentReported" && e.sources.some((s) => s.quote.includes("blindsided and sidelined")));
    expect(sidelined).toBeDefined();
    cites(sidelined!.sources, "004", "blindsided and sidelined");
    expect(sidelined!.occurredAt).toBe("2025-11-20");
  });
});

describe("Geneva, 'last week' before Wed 3 Dec (001), before Florida 'over the weekend'", () => {
  it("is absent on 22 Nov, with the plan still at 28 points", () => {
    expect(meeting("2025-11-22", "Geneva")).toBeUndefined();
    expect(plan("2025-11-22")?.pointCount).toBe(28);
  });

  it("is held and tentative on Sunday 23 Nov, which falls inside its interval (001 'last week'; 'followed by a second round ... in Florida over the weekend')", () => {
    says("001", "met in Geneva last week");
    says("001", "followed by a second round of negotiations in Florida over the weekend");
    const geneva = meeting("2025-11-23", "Geneva")!;
    expect(geneva.status).toBe("held");
    expect(geneva.tentative).toBe(true);
    expect(geneva.date).toBe("2025-11-23/2025-11-30");
    // "Last week" said on Wed 3 Dec covers the ISO week (24-30 Nov), the US week (23-29 Nov) and other reporting's Sunday 23 Nov.
    for (const day of ["2025-11-23T12:00:00Z", "2025-11-24T12:00:00Z", "2025-11-29T12:00:00Z"]) expect(inside(geneva.dateRange, day), day).toBe(true);
    // Florida came after it, "over the weekend" of 29-30 Nov: Geneva ends no later than Florida ends.
    expect(inside(geneva.dateRange, "2025-12-01T00:00:00Z")).toBe(false);
  });

  it("makes the US stances read off the draft unknown from Geneva on, tentative within its interval (001 'contents of the updated draft have not been released')", () => {
    says("002", "they have not explained how the framework has shifted");
    for (const issue of ["nato", "territory", "military-limits"]) {
      const s = stance("2025-11-23", "us", issue)!;
      expect([issue, s.position, s.tentative]).toEqual([issue, "unknown", true]);
      cites(s.sources, "001", "contents of the updated draft have not been released");
      expect(s.history[0]?.kind).not.toBe("unknown"); // the draft's stance stays in the record
    }
  });

  it("is settled by 1 Dec: the US stances unknown and the plan at 22 points (003 'shortened to 22 points')", () => {
    says("003", "the plan was shortened to 22 points");
    for (const issue of ["nato", "territory", "military-limits"]) {
      const s = stance("2025-12-01", "us", issue)!;
      expect([issue, s.position, s.tentative]).toEqual([issue, "unknown", false]);
    }
    const p = plan("2025-12-01")!;
    expect(p.pointCount).toBe(22);
    expect(p.tentative).toBe(false);
    expect(p.contentsDisclosed).toBe(false);
    expect(p.points.map((x) => x.status)).toEqual(["undisclosed", "undisclosed", "undisclosed"]);
    expect(p.revisions.map((r) => r.pointCount)).toEqual([28, 22]);
  });
});

describe("the Florida round, Yermak and Umerov", () => {
  it("records the Florida round: Rubio, Witkoff and Umerov, four hours (004 'for four hours')", () => {
    says("004", "for four hours");
    const florida = meeting("2025-12-01", "Florida")!;
    expect(florida.status).toBe("held");
    expect(florida.date).toBe("2025-11-29/2025-11-30");
    expect(florida.durationHours).toBe(4);
    expect(florida.participants.map((p) => p.name)).toEqual(expect.arrayContaining(["Marco Rubio", "Steve Witkoff", "Rustem Umerov"]));
  });

  it("keeps Yermak's departure disputed under one role, 'chief of staff' (001 'resigned'; 004 'fired'), tentative until Florida", () => {
    says("001", "resigned as Zelensky");
    says("004", "who has been fired");
    const yermak = state("2025-12-01").people.filter((p) => p.name === "Andriy Yermak");
    expect(yermak).toHaveLength(1); // one role, or the dispute splits in two
    expect(yermak[0]!.role).toMatch(/chief of staff$/);
    expect(yermak[0]!.status).toBe("left-office");
    expect(yermak[0]!.manner).toBe("disputed");
    expect(yermak[0]!.tentative).toBe(false);
    const dispute = state("2025-12-01").disputes.find((d) => d.subject.includes("Yermak"))!;
    expect(Object.fromEntries(dispute.accounts.map((a) => [a.claim, [...seedsOf(a.sources)]]))).toEqual({ resigned: ["001"], fired: ["004"] });
    expect(state("2025-11-25").people.find((p) => p.name === "Andriy Yermak")?.tentative).toBe(true);
  });

  it("has the anti-corruption probe and the raid on Yermak's home as a development of its own (001 'triggered by a raid on his home')", () => {
    const probe = chronicle
      .asOf()
      .history({ to: "2025-12-01" })
      .find((e) => e.type === "DevelopmentReported" && e.sources.some((s) => s.quote.includes("raid on his home")));
    expect(probe).toBeDefined();
    cites(probe!.sources, "001", "anti-corruption investigation, triggered by a raid on his home");
    expect(probe!.occurredAtRange.from).toBeNull(); // undated: only "before Florida"
  });

  it("gives Umerov the seeds' titles: 'envoy' and head of the 'National Security and Defense Council' (001)", () => {
    says("001", "new envoy, Rustem Umerov");
    says("001", "National Security and Defense Council");
    const roles = state("2025-12-03")
      .people.filter((p) => p.name === "Rustem Umerov")
      .map((p) => p.role);
    expect(roles).toContain("envoy");
    expect(roles.some((r) => r.includes("National Security and Defense Council"))).toBe(true);
    expect(roles).not.toContain("lead negotiator"); // no seed says so
  });
});

describe("Rubio's undated Fox News interview (003) and the 'meanwhile' statements", () => {
  it("binds the interview by the plan becoming public, not by Florida, which 003 never mentions", () => {
    says("003", "Rubio told Fox News");
    expect(seedText(seedFile("003"))).not.toContain("Florida");
    const fromInterview = state("2025-12-03").statements.filter((s) => s.speaker === "Marco Rubio" && [...seedsOf(s.sources)].join() === "003");
    expect(fromInterview.length).toBeGreaterThanOrEqual(4);
    for (const s of fromInterview) expect(s.at).toBe("2025-11-20/2025-12-03");
    for (const [party, issue] of [
      ["us", "security-guarantees"],
      ["russia", "territory"],
    ] as const)
      expect(stance("2025-12-03", party, issue)?.since).toBe("2025-11-20/2025-12-03");
  });

  it("dates Rubio's words 'following the Florida discussions' (001) from the first day of the Florida weekend", () => {
    says("001", "Following the Florida discussions");
    const after = statement("2025-12-03", "additional work remains")!;
    expect(after.at).toBe("2025-11-29/2025-12-03");
    expect(after.atRange.from).toBe(meeting("2025-12-03", "Florida")?.dateRange.from);
  });

  it("has Rubio's 'addressing only one party' (003), tentative on 25 Nov", () => {
    const s = statement("2025-12-03", "addressing only one party")!;
    cites(s.sources, "003", "addressing only one party");
    expect(s.at).toBe("2025-11-20/2025-12-03");
    expect(s.tentative).toBe(false);
    expect(statement("2025-11-25", "addressing only one party")?.tentative).toBe(true);
    expect(statement("2025-11-19", "addressing only one party")).toBeUndefined();
  });

  it("gives the 'meanwhile' statements no start (001 Putin 'right now'; 000 Zelensky 'possibility of ending the war'), tentative on 15 Nov", () => {
    says("001", "Meanwhile, Putin accused European allies of sabotaging peace efforts");
    says("000", "Meanwhile, Ukrainian President Volodymyr Zelenskyy has said");
    for (const words of ["right now", "possibility of ending the war", "sabotaging peace efforts"]) {
      const s = statement("2025-11-15", words);
      expect(s, words).toBeDefined();
      expect([words, s!.at, s!.atRange.from, s!.tentative]).toEqual([words, "../2025-12-03", null, true]);
    }
  });
});

describe("the Kremlin meeting of Tuesday 2 Dec", () => {
  it("is held on 2 Dec for about five hours (004 'almost five hours'), reported by all five seeds", () => {
    says("004", "almost five hours");
    const kremlin = meeting("2025-12-02", "Kremlin")!;
    expect(kremlin.date).toBe("2025-12-02");
    expect(kremlin.dateRange.precision).toBe("day");
    expect(kremlin.durationHours).toBe(5);
    expect(kremlin.durationApproximate).toBe(true);
    expect(kremlin.participants.map((p) => p.name)).toEqual(expect.arrayContaining(["Vladimir Putin", "Steve Witkoff", "Jared Kushner", "Yury Ushakov", "Kirill Dmitriev"]));
    expect(seedsOf(kremlin.sources)).toEqual(new Set(["000", "001", "002", "003", "004"]));
    expect(kremlin.corroboration).toBe(5);
  });

  it("is absent the day before", () => {
    expect(meeting("2025-12-01", "Kremlin")).toBeUndefined();
  });

  it("has the four documents as a fact of their own, resting on 004 alone (004 'four more documents')", () => {
    const documents = state("2025-12-03").documents.find((d) => d.meetingId === meeting("2025-12-03", "Kremlin")?.id)!;
    expect(documents.count).toBe(4);
    cites(documents.sources, "004", "presented four more documents");
    for (const n of ["000", "001", "002", "003"]) expect(seedText(seedFile(n))).not.toContain("four more documents");
    expect(documents.corroboration).toBe(1);
    // The meeting, which all five seeds report, does not carry the count, or 004's fact would borrow their weight.
    expect(meeting("2025-12-03", "Kremlin")?.documentsPresented).toBeNull();
  });
});

describe("3 Dec, the day of the reports", () => {
  const at = "2025-12-03";

  it("has each party's reaction to the plan (002 'categorically rejected'; 001 'strong objections'; 002 'more or less acceptable', 'negative attitude')", () => {
    const reactions = plan(at)!.reactions;
    const of = (party: string) => reactions.find((r) => r.party === party)!;
    expect([of("ukraine").position, of("europe").position, of("russia").position]).toEqual(["rejects", "rejects", "mixed"]);
    cites(of("ukraine").sources, "002", "categorically rejected");
    cites(of("europe").sources, "001", "strong objections");
    cites(of("russia").sources, "002", "more or less acceptable");
    cites(of("russia").sources, "002", "negative attitude toward a number of proposals");
    expect(plan("2025-12-01")!.reactions.find((r) => r.party === "russia")).toBeUndefined(); // it follows the Kremlin meeting
  });

  it("has the US undecided on staying the mediator (003 'continues to assess whether it should maintain its mediator role')", () => {
    const mediation = stance(at, "us", "us-mediation")!;
    expect(mediation.position).toBe("undecided");
    cites(mediation.sources, "003", "continues to assess whether it should maintain its mediator role");
  });

  it("never moves the US territory stance to 'undecided': no seed reports that shift (003 'the decision is theirs' is about who decides)", () => {
    says("003", "the decision is theirs");
    expect(stance(at, "us", "territory")!.history.map((h) => h.kind)).not.toContain("undecided");
    for (let day = Date.parse("2025-08-01"); day <= Date.parse("2025-12-04"); day += 86_400_000) {
      const on = new Date(day).toISOString().slice(0, 10);
      expect([on, stance(on, "us", "territory")?.position]).not.toEqual([on, "undecided"]);
    }
    const recorded = bundled.filter((e) => e.type === "StanceStated" && e.data.party === "us" && e.data.issue === "territory");
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.map((e) => e.data.position)).not.toContain("undecided");
  });

  it("has Europe seeking a part in the settlement (004 'maximalist demands from the EU') and Russia against it (001 'sabotaging peace efforts')", () => {
    const europe = stance(at, "europe", "europe-role")!;
    expect(europe.position).toBe("supports");
    cites(europe.sources, "004", "maximalist demands from the EU");
    const russia = stance(at, "russia", "europe-role")!;
    expect(russia.position).toBe("rejects");
    cites(russia.sources, "001", "sabotaging peace efforts");
  });

  it("has Russia for cooperation with the US after the Kremlin meeting (004 'vast potential'), and not before", () => {
    const cooperation = stance(at, "russia", "us-russia-cooperation")!;
    expect(cooperation.position).toBe("supports");
    expect(cooperation.quote).toContain("vast potential");
    cites(cooperation.sources, "004", "vast potential");
    expect(stance("2025-12-01", "russia", "us-russia-cooperation")).toBeUndefined();
  });

  it("has the US for security guarantees without naming a guarantor (003 'what would give them security guarantees')", () => {
    const guarantees = stance(at, "us", "security-guarantees")!;
    expect(guarantees.position).toBe("supports");
    cites(guarantees.sources, "003", "what would give them security guarantees");
    expect(guarantees.terms).toMatch(/who would give them.*not said/);
    expect(guarantees.proposition).not.toMatch(/Western/);
    expect(seedText(seedFile("003"))).not.toContain("Western");
  });

  it("has Russia's territorial demand in 003's detail, keeping 002's 'entire Donbas region' in its history", () => {
    const territory = stance(at, "russia", "territory")!;
    expect(territory.position).toBe("supports");
    for (const detail of ["20 percent of the Donetsk region", "30-50 kilometers"]) {
      says("003", detail);
      expect(territory.terms).toContain(detail);
    }
    expect(territory.history.map((h) => h.terms)).toContain("the entire Donbas region");
  });

  it("keeps Ushakov's two accounts of progress side by side (000 'no closer' vs 001 'not further away')", () => {
    says("000", "no closer");
    says("001", "not further away");
    const dispute = state(at).disputes.find((d) => d.subject.startsWith("Ushakov"))!;
    expect(dispute.accounts.map((a) => a.claim).sort()).toEqual(["no closer to resolving the crisis", "progress was not further away"]);
  });

  it("has the Miami meeting scheduled for Thursday 4 Dec (000 'in Miami on Thursday'), arranged at a date no seed gives", () => {
    says("000", "will now meet the Ukrainian negotiators");
    says("000", "in Miami on Thursday");
    const miami = meeting(at, "Miami")!;
    expect([miami.status, miami.date, miami.tentative]).toEqual(["scheduled", "2025-12-04", false]);
    const scheduled = chronicle
      .asOf()
      .history()
      .find((e) => e.type === "MeetingScheduled" && e.sources.some((s) => s.quote.includes("in Miami on Thursday")))!;
    expect(scheduled.occurredAt).toBe("../2025-12-03");
    expect(scheduled.occurredAtRange.from).toBeNull();
    expect(meeting("2025-12-02", "Miami")?.tentative).toBe(true);
  });
});

describe("corroboration: how many seeds stand behind a fact (3 Dec)", () => {
  it("marks the 22-point count as resting on 003 alone (003 'shortened to 22 points')", () => {
    const revision = plan("2025-12-03")!.revisions.find((r) => r.pointCount === 22)!;
    expect(revision.venue).toBe("Geneva");
    expect(seedsOf(revision.sources)).toEqual(new Set(["003"]));
    for (const n of ["000", "001", "002", "004"]) expect(seedText(seedFile(n))).not.toContain("22 points");
    expect(revision.corroboration).toBe(1);
  });

  it("counts two seeds behind the 'leaked' account of the plan (001 'leak', 004 'leaked')", () => {
    const dispute = state("2025-12-03").disputes.find((d) => d.subject === "how the US peace plan became public")!;
    expect(dispute.accounts.find((a) => a.claim === "leaked")?.corroboration).toBe(2);
  });
});

describe("quotes, byte for byte", () => {
  const doc = () => state("2025-12-03");
  const allSources = (d: StateDocument) => [
    ...d.stances.flatMap((s) => [...s.sources, ...s.history.flatMap((h) => h.sources)]),
    ...d.meetings.flatMap((m) => m.sources),
    ...d.statements.flatMap((s) => s.sources),
    ...d.plans.flatMap((p) => [...p.sources, ...p.revisions.flatMap((r) => r.sources), ...p.reactions.flatMap((r) => r.sources)]),
    ...d.documents.flatMap((x) => x.sources),
    ...d.people.flatMap((p) => p.sources),
    ...d.disputes.flatMap((x) => x.accounts.flatMap((a) => a.sources)),
  ];

  it("quotes every source in the state verbatim from the seed it names, titles too, and repairs its mis-decoded characters", () => {
    const sources = allSources(doc());
    expect(sources.length).toBeGreaterThan(100);
    for (const s of sources) {
      expect(seedText(s.seed!)).toContain(s.quote);
      if (s.title != null) expect(seedText(s.seed!)).toContain(s.title);
      expect(s.quoteClean).not.toMatch(/[\u0e00-\u0e7f]/);
    }
    expect(sources.find((s) => s.quote.includes("โ€™"))!.quoteClean).toContain("’");
  });

  it("quotes every statement, stance and reaction verbatim from a seed its fact cites, curly apostrophes included (002 'doesn’t suit us.So,')", () => {
    const d = doc();
    const quoted = [...d.statements, ...d.stances, ...d.plans.flatMap((p) => p.reactions)].filter((f) => f.quote);
    expect(quoted.length).toBeGreaterThan(10);
    for (const f of quoted)
      expect(
        f.sources.some((s) => seedText(s.seed!).includes(f.quote!)),
        f.quote!,
      ).toBe(true);
    const suits = statement("2025-12-03", "suit us")!;
    expect(suits.quote).toContain("doesn\u2019t suit us.So, the work will continue");
    expect(statement("2025-12-03", "hide our critical")!.quote).toContain("didn\u2019t hide");
  });
});

describe("scripts/check-history.ts", () => {
  const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
  const check = (path?: string) => spawnSync(tsx, [join(repoRoot, "scripts", "check-history.ts"), ...(path ? [path] : [])], { cwd: repoRoot, encoding: "utf8" });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "parley-check-history-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the bundled history with one field of one event changed by one byte. */
  const altered = (name: string, change: (events: Record<string, any>[]) => string) => {
    const events = structuredClone(bundled);
    const id = change(events);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(events, null, 1));
    return { id, path };
  };

  it("passes on the bundled history, every quote and title field checked", () => {
    const run = check();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^check-history: OK ${bundled.length} events valid, ${bundled.length} unique UUIDs, \\d+ quote and title fields verbatim in 5 seeds`));
    const fields = bundled.reduce((n, e) => n + (e.data?.quote !== undefined ? 1 : 0) + e.sources.reduce((m: number, s: any) => m + 1 + (s.title != null ? 1 : 0), 0), 0);
    expect(run.stdout).toContain(` ${fields} quote and title fields`);
  });

  it("fails on a data.quote with one byte changed, naming the event", () => {
    const { id, path } = altered("data-quote.json", (events) => {
      const e = events.find((x) => x.data?.quote?.includes("us.So,"))!;
      e.data.quote = e.data.quote.replace("us.So,", "us,So,");
      return e.id;
    });
    const run = check(path);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${id}) data.quote: not found verbatim`);
    expect(run.stderr.match(/data\.quote/g)).toHaveLength(1); // only the altered event
  });

  it("fails on a source title and on a source quote with one byte changed, naming the event", () => {
    for (const field of ["title", "quote"] as const) {
      const { id, path } = altered(`${field}.json`, (events) => {
        const e = events.find((x) => x.sources.some((s: any) => typeof s[field] === "string"))!;
        const s = e.sources.find((x: any) => typeof x[field] === "string");
        s[field] = `${s[field].slice(0, -1)}#`;
        return e.id;
      });
      const run = check(path);
      expect(run.status, field).not.toBe(0);
      expect(run.stderr).toMatch(new RegExp(`${id}\\) sources\\[\\d+\\]: ${field} not found verbatim`));
    }
  });
});
