import { digestOf } from "./filing.ts";

/**
 * One valid event of every type in the catalogue, as a writer would send it: the starting
 * points that fuzz tests mutate. Corrections point at the bundled history's Alaska summit,
 * so they are valid against a store seeded with it.
 */
export const CORRECTABLE_ID = "426b4454-f3c4-484e-a8ae-99352d8a96be";

const source = { outlet: "Test Wire", title: "A report", publishedAt: "2025-12-05", url: "https://example.org/report", quote: "Officials said so on Friday." };
const envelope = (occurredAt: unknown = "2025-12-05") => ({ occurredAt, reportedAt: "2025-12-05", sources: [source] });

const filedText = "Talks moved to Berlin on Friday. Officials said so on Friday.";

export const catalogueSamples: Record<string, Record<string, unknown>> = {
  NegotiationOpened: {
    type: "NegotiationOpened",
    occurredAt: "2025-12",
    sources: [],
    data: {
      negotiationId: "berlin-talks",
      title: "Berlin format",
      summary: "European track",
      parties: [
        { id: "europe", name: "Europe", kind: "bloc", aliases: ["the EU"] },
        { id: "ukraine", name: "Ukraine" },
      ],
      issues: [{ id: "reconstruction", proposition: "Frozen Russian assets fund Ukraine's reconstruction" }],
    },
  },
  PartyAdded: { type: "PartyAdded", ...envelope(), data: { negotiationId: "ukraine-2025", party: { id: "turkey", name: "Türkiye", kind: "state, host" } } },
  IssueAdded: {
    type: "IssueAdded",
    ...envelope(),
    data: { negotiationId: "ukraine-2025", issue: { id: "grain-corridor", proposition: "Ukraine's Black Sea grain exports are protected" } },
  },
  IssueReworded: {
    type: "IssueReworded",
    ...envelope(),
    data: { negotiationId: "ukraine-2025", issueId: "nato", proposition: "Ukraine joins NATO within ten years", reason: "the talks now turn on a timetable" },
  },
  SourceFiled: {
    type: "SourceFiled",
    ...envelope(),
    sources: [],
    data: {
      sourceId: "test-wire-report",
      outlet: "Test Wire",
      title: "A report",
      url: "https://example.org/report",
      publishedAt: "2025-12-05",
      text: filedText,
      sha256: digestOf(filedText),
    },
  },
  PlanReaction: {
    type: "PlanReaction",
    ...envelope(),
    data: { planId: "us-peace-plan", party: "europe", position: "mixed", quote: "Parts of it we can work with.", summary: "Europe accepts parts of the revised plan" },
  },
  DevelopmentReported: {
    type: "DevelopmentReported",
    ...envelope(),
    data: { summary: "Talks moved to Berlin", parties: ["europe", "ukraine"], issues: ["territory"], quote: "The talks moved to Berlin.", subject: "venue", claim: "Berlin" },
  },
  PlanPublished: {
    type: "PlanPublished",
    ...envelope("2025-11-20"),
    data: {
      planId: "eu-counter-plan",
      title: "European counter-proposal",
      sponsor: "europe",
      manner: "published",
      pointCount: 24,
      points: [{ pointId: "eu-counter-plan/nato", number: 3, issue: "nato", summary: "NATO path left open" }],
      reception: "welcomed in Kyiv",
    },
  },
  PlanRevised: {
    type: "PlanRevised",
    ...envelope({ from: "2025-12-01", to: "2025-12-05", label: "this week" }),
    data: { planId: "eu-counter-plan", pointCount: 20, contentsDisclosed: false, venue: "Berlin", summary: "shortened" },
  },
  PlanPointAdded: {
    type: "PlanPointAdded",
    ...envelope(),
    data: { planId: "eu-counter-plan", pointId: "eu-counter-plan/grain", number: 21, issue: null, summary: "Black Sea grain corridor" },
  },
  PlanPointAmended: {
    type: "PlanPointAmended",
    ...envelope(),
    data: { planId: "eu-counter-plan", pointId: "eu-counter-plan/nato", issue: "nato", summary: "NATO path after ten years" },
  },
  PlanPointRemoved: { type: "PlanPointRemoved", ...envelope(), data: { planId: "eu-counter-plan", pointId: "eu-counter-plan/grain", reason: "dropped in Berlin" } },
  DocumentsPresented: {
    type: "DocumentsPresented",
    ...envelope({ date: "2025-12-05", precision: "day", label: "Friday" }),
    data: {
      documentSetId: "berlin-papers",
      presentedBy: "europe",
      presentedTo: ["us", "ukraine"],
      count: 2,
      meetingId: "berlin-2025-12-05",
      planId: "eu-counter-plan",
      titles: ["Annex A"],
      description: "two annexes",
    },
  },
  MeetingScheduled: {
    type: "MeetingScheduled",
    ...envelope("2025-12-04"),
    data: {
      meetingId: "berlin-2025-12-05",
      place: "Berlin",
      date: "2025-12-05",
      participants: [{ name: "Kaja Kallas", party: "europe", role: "EU foreign policy chief" }],
      purpose: "review the plan",
    },
  },
  MeetingHeld: {
    type: "MeetingHeld",
    ...envelope(),
    data: {
      meetingId: "berlin-2025-12-05",
      place: "Berlin",
      participants: [
        { name: "Kaja Kallas", party: "europe" },
        { name: "Rustem Umerov", party: "ukraine", role: "lead negotiator" },
      ],
      durationHours: 3,
      durationApproximate: true,
      documentsPresented: 2,
      round: "third round",
      outcome: "no agreement",
    },
  },
  MeetingCancelled: { type: "MeetingCancelled", ...envelope(), data: { meetingId: "miami-2025-12-04", reason: "postponed" } },
  StanceStated: {
    type: "StanceStated",
    ...envelope(),
    data: { party: "europe", issue: "security-guarantees", position: "conditional", speaker: "EU spokesperson", quote: "Guarantees must be credible.", basis: "quoted" },
  },
  StatementMade: {
    type: "StatementMade",
    ...envelope(),
    data: {
      speaker: "Kaja Kallas",
      party: "europe",
      summary: "Kallas on the talks",
      quote: "We are not at the table.",
      issues: ["nato", "territory"],
      meetingId: "berlin-2025-12-05",
      subject: "Europe's role",
      claim: "sidelined",
    },
  },
  OfficialAppointed: { type: "OfficialAppointed", ...envelope(), data: { person: "Jane Example", party: "us", role: "special envoy", previousRole: "ambassador" } },
  OfficialLeftOffice: {
    type: "OfficialLeftOffice",
    ...envelope(),
    data: { person: "Jane Example", party: "us", role: "special envoy", manner: "resigned", context: "after the Berlin round" },
  },
  ReportCorrected: {
    type: "ReportCorrected",
    ...envelope(),
    data: { correctedEventId: CORRECTABLE_ID, reason: "the place was misreported", data: { place: "Anchorage, Alaska" } },
  },
  ReportRetracted: { type: "ReportRetracted", ...envelope(), data: { retractedEventId: CORRECTABLE_ID, reason: "the outlet withdrew the story" } },
};
