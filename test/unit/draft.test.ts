import { describe, expect, it } from "vitest";
import { draft } from "../../src/intake/draft.ts";
import { segment, sentencesOf } from "../../src/intake/sentences.ts";
import type { DraftVocabulary } from "../../src/intake/vocabulary.ts";

/** A negotiation that is not the bundled one: nothing of it is written into the drafter. */
const steel: DraftVocabulary = {
  parties: [
    { id: "eu", name: "European Union", aliases: ["EU", "Brussels", "European"] },
    { id: "china", name: "China", aliases: ["Beijing", "Chinese"] },
  ],
  issues: [{ id: "steel-tariffs", proposition: "Tariffs on Chinese steel are lifted" }],
  people: [
    { name: "Maros Sefcovic", party: "eu", role: "trade commissioner" },
    { name: "Wang Wentao", party: "china", role: "commerce minister" },
  ],
  places: ["Geneva", "Brussels"],
};

// Published on Wednesday 4 March 2026: Monday is 2 March, Friday 6 March, last month February 2026.
const article = [
  "Steel talks stall",
  "EU trade commissioner Maros Sefcovic met Chinese commerce minister Wang Wentao in Geneva on Monday for about six hours. Beijing presented three documents on quotas at the Geneva talks.",
  "Sefcoviฤ‡ said the steel tariffs remain unacceptable. The two sides will meet again in Brussels on Friday.",
  "Chinese envoy Li Qiang, the recently appointed head of the trade office, joined the talks in Geneva last month. Deputy minister Zhao Ming resigned as chief negotiator amid a bribery inquiry.",
].join("\n");

const drafts = draft(article, {
  publishedAt: "2026-03-04",
  outlet: "Test Wire",
  title: "Steel talks stall",
  url: "https://example.org/steel",
  negotiation: "steel-2026",
  vocabulary: steel,
});
const one = (type: string) => drafts.filter((d) => d.type === type);

describe("drafting a made-up article", () => {
  it("proposes the meeting on Monday to the day, at its place, with the people on record and its length", () => {
    const [geneva] = one("MeetingHeld");
    expect(geneva).toMatchObject({
      occurredAt: { date: "2026-03-02", label: "on Monday" },
      reportedAt: "2026-03-04",
      data: { place: "Geneva", durationHours: 6, durationApproximate: true, documentsPresented: 3, meetingId: "geneva-2026-03-02" },
      draft: { negotiation: "steel-2026" },
    });
    expect((geneva!.data.participants as { name: string; party: string }[]).map((p) => [p.name, p.party])).toEqual(
      expect.arrayContaining([
        ["Maros Sefcovic", "eu"],
        ["Wang Wentao", "china"],
      ]),
    );
    expect(geneva!.sources[0]).toEqual({
      outlet: "Test Wire",
      title: "Steel talks stall",
      publishedAt: "2026-03-04",
      url: "https://example.org/steel",
      quote: expect.stringContaining("met Chinese commerce minister"),
    });
  });

  it("proposes the documents presented, by the party named before the verb", () => {
    expect(one("DocumentsPresented")[0]!.data).toMatchObject({ count: 3, presentedBy: "china", presentedTo: ["eu"], meetingId: "geneva-2026-03-02" });
  });

  it("proposes the next meeting for the coming Friday, its date in data and the arrangement undated", () => {
    const [next] = one("MeetingScheduled");
    expect(next!.data).toMatchObject({ place: "Brussels", date: { date: "2026-03-06", label: "on Friday" } });
    expect(next!.occurredAt.date).toBe("../2026-03-04");
    expect(next!.draft.needs).toContain("occurredAt");
  });

  it("links a mis-decoded surname, quotes the sentence verbatim and proposes a stance whose direction the analyst must confirm", () => {
    const [statement] = one("StatementMade");
    expect(statement!.data).toMatchObject({ speaker: "Maros Sefcovic", party: "eu", issues: ["steel-tariffs"] });
    expect(statement!.sources[0]!.quote).toBe("Sefcoviฤ‡ said the steel tariffs remain unacceptable.");
    const [stance] = one("StanceStated");
    expect(stance!.data).toMatchObject({ party: "eu", issue: "steel-tariffs", position: "rejects" });
    expect(stance!.draft.needs).toContain("data.position");
  });

  it("flags names not on record as new people, with a guessed party to check", () => {
    const geneva = one("MeetingHeld").find((d) => d.occurredAt.label === "last month")!;
    expect(geneva.occurredAt.date).toBe("2026-02");
    expect(geneva.draft.newPeople).toEqual(["Li Qiang"]);
    expect(geneva.draft.needs).toContain("data.participants[0] (not on record: Li Qiang)");
    expect(geneva.data.participants).toEqual([{ name: "Li Qiang", party: "china" }]);
  });

  it("proposes an appointment and a resignation with their roles", () => {
    expect(one("OfficialAppointed")[0]).toMatchObject({ occurredAt: { date: "../2026-03-04" }, data: { person: "Li Qiang", role: "head of the trade office" } });
    const [left] = one("OfficialLeftOffice");
    expect(left!.data).toMatchObject({ person: "Zhao Ming", role: "chief negotiator", manner: "resigned" });
    expect(left!.draft.needs).toEqual(expect.arrayContaining(["occurredAt", "data.party", "data.person (not on record: Zhao Ming)"]));
  });

  it("gives every draft a confidence in 0..1 and lowers it for each field left open", () => {
    for (const d of drafts) {
      expect(d.draft.confidence).toBeGreaterThan(0);
      expect(d.draft.confidence).toBeLessThanOrEqual(1);
    }
    const [monday] = one("MeetingHeld");
    const [scheduled] = one("MeetingScheduled");
    expect(monday!.draft.needs.length).toBeLessThan(scheduled!.draft.needs.length);
    expect(monday!.draft.confidence).toBeGreaterThan(scheduled!.draft.confidence);
  });

  it("refuses bad options with a message naming the field", () => {
    expect(() => draft(article, { publishedAt: "4 March", outlet: "x", vocabulary: steel })).toThrow(/publishedAt must be a date/);
    expect(() => draft(article, { publishedAt: "2026-03-04", outlet: "", vocabulary: steel })).toThrow(/outlet must name/);
  });
});

describe("sentences", () => {
  it("keeps abbreviations and initials inside their sentence", () => {
    expect(segment("In the wake of the Nov. 20 leak, they met. Putin met U. S. envoy Steve Witkoff. The U.S. delegation left.")).toEqual([
      "In the wake of the Nov. 20 leak, they met.",
      "Putin met U. S. envoy Steve Witkoff.",
      "The U.S. delegation left.",
    ]);
  });

  it("keeps a quotation of several sentences with its attribution", () => {
    expect(segment("“We agree. We will continue,” he said. Next.")).toEqual(["“We agree. We will continue,” he said.", "Next."]);
  });

  it("repairs mojibake for reading but keeps the verbatim text, and drops a repeated sentence", () => {
    const [first, ...rest] = sentencesOf("Putinโ€™s aide spoke.ย \nPutinโ€™s aide spoke.\nDone.");
    expect(first).toEqual({ text: "Putin’s aide spoke.", verbatim: "Putinโ€™s aide spoke." });
    expect(rest.map((s) => s.text)).toEqual(["Done."]);
  });

  it("ends a verbatim sentence after a whole mis-decoded closing quote, not inside it", () => {
    const found = sentencesOf("โ€œWe agree.โ€ He left. It isnโ€™t over.ย ย  Next one.");
    expect(found.map((s) => s.verbatim)).toEqual(["โ€œWe agree.โ€", "He left.", "It isnโ€™t over.", "Next one."]);
    expect(found.map((s) => s.text)).toEqual(["“We agree.”", "He left.", "It isn’t over.", "Next one."]);
  });
});
