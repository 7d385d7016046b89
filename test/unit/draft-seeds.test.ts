import { describe, expect, it } from "vitest";

import { bundledHistory } from "../../src/history.ts";
import { verdictFor, type RecordedEvent } from "../../src/intake/recall.ts";
import type { ProposedEvent } from "../../src/intake/proposal.ts";
import { bundledVocabulary, draftSeed, seedText } from "../support/intake.ts";

const prefixes = ["000", "001", "002", "003", "004"];
const drafts = Object.fromEntries(prefixes.map((p) => [p, draftSeed(p)])) as Record<string, ProposedEvent[]>;
const names = (e: ProposedEvent) => (e.data.participants as { name: string }[]).map((p) => p.name);
const of = (prefix: string, type: string) => drafts[prefix]!.filter((e) => e.type === type);

describe("drafting the five seed articles into ukraine-2025", () => {
  it("proposes the Kremlin meeting on Tuesday 2 Dec, to the day, with Putin, Witkoff and Kushner, about five hours", () => {
    const [kremlin] = of("000", "MeetingHeld").filter((e) => e.occurredAt.date === "2025-12-02");
    expect(kremlin!.occurredAt.label).toBe("Tuesday");
    expect(names(kremlin!)).toEqual(expect.arrayContaining(["Vladimir Putin", "Steve Witkoff", "Jared Kushner"]));
    expect(kremlin!.data).toMatchObject({ durationHours: 5, durationApproximate: true });
  });

  it("proposes the four documents the US presented at that meeting, and records them on the meeting (004)", () => {
    const [documents] = of("004", "DocumentsPresented");
    expect(documents).toMatchObject({ occurredAt: { date: "2025-12-02" }, data: { count: 4, presentedBy: "us", presentedTo: ["russia"], meetingId: "kremlin-2025-12-02" } });
    const [meeting] = of("004", "MeetingHeld").filter((e) => e.data.place === "Kremlin, Moscow");
    expect(meeting).toMatchObject({ occurredAt: { date: "2025-12-02" }, data: { documentsPresented: 4, durationHours: 5 } });
  });

  it("proposes the Miami meeting scheduled for Thursday 4 Dec with Witkoff, Kushner and Umerov", () => {
    const [miami] = of("000", "MeetingScheduled");
    expect(miami!.data).toMatchObject({ place: "Miami", date: { date: "2025-12-04", label: "on Thursday" } });
    expect(names(miami!)).toEqual(expect.arrayContaining(["Steve Witkoff", "Jared Kushner", "Rustem Umerov"]));
  });

  it("proposes Geneva 'last week' and Florida 'over the weekend' with their ranges", () => {
    const [geneva] = of("001", "MeetingHeld").filter((e) => e.data.place === "Geneva");
    expect(geneva!.occurredAt).toEqual({ date: "2025-11-23/2025-12-02", label: "last week" });
    const [florida] = of("001", "MeetingHeld").filter((e) => e.data.place === "Florida");
    expect(florida!.occurredAt).toEqual({ date: "2025-11-29/2025-11-30", label: "over the weekend" });
    expect(names(florida!)).toEqual(expect.arrayContaining(["Marco Rubio", "Rustem Umerov"]));
  });

  it("proposes the revision to 22 points, after Geneva, its contents not disclosed (003)", () => {
    const [revision] = of("003", "PlanRevised");
    expect(revision!.data).toMatchObject({ pointCount: 22, venue: "Geneva", contentsDisclosed: false });
    expect(revision!.draft.needs).toContain("data.planId");
  });

  it("keeps both accounts of Yermak's departure: resigned in 001, fired in 004", () => {
    expect(of("001", "OfficialLeftOffice").map((e) => e.data)).toEqual([{ person: "Andriy Yermak", party: "ukraine", role: "Zelensky’s chief of staff", manner: "resigned" }]);
    expect(of("004", "OfficialLeftOffice").map((e) => [e.data.person, e.data.manner])).toEqual([["Andriy Yermak", "fired"]]);
  });

  it("proposes Umerov's appointment as head of the National Security and Defense Council, 'recently': before publication", () => {
    const appointed = of("001", "OfficialAppointed").find((e) => e.data.role !== undefined);
    expect(appointed).toMatchObject({
      occurredAt: { date: "../2025-12-03", label: "recently" },
      data: { person: "Rustem Umerov", party: "ukraine", role: "head of Ukraine’s National Security and Defense Council" },
    });
  });

  it("quotes every sentence verbatim from the article, mis-decoded characters included", () => {
    for (const prefix of prefixes) for (const e of drafts[prefix]!) for (const s of e.sources) expect(seedText(prefix)).toContain(s.quote);
    const garbled = drafts["002"]!.flatMap((e) => e.sources).find((s) => s.quote.startsWith("In a bid to broker"));
    expect(garbled!.quote).toContain("Trumpโ€™s");
  });

  it("finds at least 70% of the bundled history (type, containing date range, same sentence)", () => {
    const all = prefixes.flatMap((p) => drafts[p]!.map((event) => ({ seed: `${p}_`, event })));
    const recorded = (bundledHistory() as unknown as RecordedEvent[]).map((e) => ({ ...e, sources: e.sources.map((s) => ({ ...s, seed: s.seed?.slice(0, 4) })) }));
    const found = recorded.filter((e) => verdictFor(e, all).verdict === "found").length;
    expect(found / recorded.length).toBeGreaterThanOrEqual(0.7);
  });

  it("links the record's people however an outlet spells them", () => {
    const people = bundledVocabulary.people.map((p) => p.name);
    expect(people).toEqual(expect.arrayContaining(["Andriy Yermak", "Yury Ushakov", "Volodymyr Zelensky"]));
    const zelenskyy = of("000", "StatementMade").find((e) => String(e.data.summary).includes("Zelenskyy"));
    expect(zelenskyy!.data).toMatchObject({ speaker: "Volodymyr Zelensky", party: "ukraine" });
  });
});
