import { digestOf } from "./filing.ts";
import { parseEvent, type PendingEvent } from "../../events/envelope.ts";

const source = (quote: string) => ({
  outlet: "Test Wire",
  title: "Negotiation report",
  publishedAt: "2025-12-03",
  url: "https://example.org/report",
  seed: "000_0a8234fe7da3e909.txt",
  // Mis-decoded like the seed articles, so the repaired quoteClean travels too.
  quote: `${quote} Rubio said itโ€™s productive.`,
});

/** An article as filed, mis-decoded like the seeds: the text is kept exactly as published. */
const filedText = "Kyiv rejected it.\n\nRubio said itโ€™s productive.";

const correctedId = "7c0c1f6e-1b9e-4d6a-9a57-2b1d8f3e6a10";

/**
 * One valid event of every type in the catalogue, with the envelope's awkward corners
 * filled in: each precision of valid time, a label, a missing reportedAt, several sources.
 */
export const sampleInputs: Record<string, unknown> = {
  PlanPublished: {
    type: "PlanPublished",
    occurredAt: "2025-11-20",
    reportedAt: "2025-12-03",
    sources: [source("The 28-point plan leaked."), { outlet: null, quote: "A second account." }],
    data: {
      planId: "us-28-point-plan",
      title: "28-point plan",
      sponsor: "us",
      manner: "leaked",
      pointCount: 28,
      points: [{ pointId: "nato-bid", number: 7, issue: "nato", summary: "Ukraine drops its NATO bid" }],
      reception: "criticised as favouring Moscow",
    },
  },
  PlanRevised: {
    type: "PlanRevised",
    occurredAt: { from: "2025-11-23", to: "2025-11-24", label: "last week" },
    reportedAt: "2025-12-03T10:15:00.000+02:00",
    sources: [source("Shortened to 22 points.")],
    data: { planId: "us-28-point-plan", pointCount: 22, contentsDisclosed: false, venue: "Geneva", summary: "shortened to 22 points" },
  },
  PlanPointAdded: {
    type: "PlanPointAdded",
    occurredAt: "2025-W48",
    sources: [source("A point was added.")],
    data: { planId: "us-28-point-plan", pointId: "security-guarantees", number: 22, issue: "security-guarantees", summary: "Western guarantees" },
  },
  PlanPointAmended: {
    type: "PlanPointAmended",
    occurredAt: "2025-11",
    reportedAt: "2025-12-03",
    sources: [source("A point was amended.")],
    data: { planId: "us-28-point-plan", pointId: "nato-bid", issue: null, summary: "NATO wording softened" },
  },
  PlanPointRemoved: {
    type: "PlanPointRemoved",
    occurredAt: { date: "2025-11-24", precision: "week" },
    reportedAt: "2025-12-03",
    sources: [source("A point was dropped.")],
    data: { planId: "us-28-point-plan", pointId: "military-cap", reason: "dropped in Geneva" },
  },
  DocumentsPresented: {
    type: "DocumentsPresented",
    occurredAt: "2025-12-02",
    reportedAt: "2025-12-03",
    sources: [source("Four more documents.")],
    data: { documentSetId: "kremlin-four-documents", presentedBy: "us", presentedTo: ["russia"], count: 4, meetingId: "kremlin-2025-12-02", description: "four more documents" },
  },
  MeetingScheduled: {
    type: "MeetingScheduled",
    occurredAt: "2025-12-03",
    reportedAt: "2025-12-03",
    sources: [source("To meet in Miami.")],
    data: {
      meetingId: "miami-2025-12-04",
      place: "Miami",
      date: "2025-12-04",
      participants: [
        { name: "Steve Witkoff", party: "us" },
        { name: "Rustem Umerov", party: "ukraine", role: "lead negotiator" },
      ],
    },
  },
  MeetingHeld: {
    type: "MeetingHeld",
    occurredAt: "2025-12-02T14:00:00.000+03:00",
    reportedAt: "2025-12-03",
    sources: [source("About five hours.")],
    data: {
      meetingId: "kremlin-2025-12-02",
      place: "Moscow",
      participants: [{ name: "Vladimir Putin", party: "russia", role: "President" }],
      durationHours: 5,
      documentsPresented: 4,
      outcome: "no specific agreements",
    },
  },
  MeetingCancelled: {
    type: "MeetingCancelled",
    occurredAt: "2025-12-04",
    reportedAt: "2025-12-04",
    sources: [source("Called off.")],
    data: { meetingId: "miami-2025-12-04", reason: "postponed" },
  },
  StanceStated: {
    type: "StanceStated",
    occurredAt: "2025-12-02",
    reportedAt: "2025-12-03",
    sources: [source("Kyiv must never join NATO.")],
    data: { party: "russia", issue: "nato", position: "rejects", speaker: "Yuri Ushakov", quote: "a key question", basis: "stated" },
  },
  StatementMade: {
    type: "StatementMade",
    occurredAt: "2025-12-03",
    reportedAt: "2025-12-03",
    sources: [source("No closer.")],
    data: { speaker: "Yuri Ushakov", party: "russia", summary: "no closer to resolving the crisis", issues: ["nato", "territory"], subject: "kremlin-outcome", claim: "no closer" },
  },
  OfficialAppointed: {
    type: "OfficialAppointed",
    occurredAt: { from: "2025-11-28", to: "2025-11-30" },
    reportedAt: "2025-12-03",
    sources: [source("Umerov leads.")],
    data: { person: "Rustem Umerov", party: "ukraine", role: "lead negotiator", previousRole: "defence minister" },
  },
  OfficialLeftOffice: {
    type: "OfficialLeftOffice",
    occurredAt: "2025-11-28",
    reportedAt: "2025-12-03",
    sources: [source("Yermak resigned.")],
    data: { person: "Andriy Yermak", party: "ukraine", role: "chief of staff", manner: "resigned", context: "anti-corruption investigation" },
  },
  ReportCorrected: {
    type: "ReportCorrected",
    occurredAt: "2025-12-04",
    reportedAt: "2025-12-04",
    sources: [source("Correction.")],
    data: { correctedEventId: correctedId, reason: "fired, not resigned", occurredAt: "2025-11-28", data: { manner: "fired" } },
  },
  ReportRetracted: {
    type: "ReportRetracted",
    occurredAt: "2025-12-05",
    reportedAt: "2025-12-05",
    sources: [source("Retraction.")],
    data: { retractedEventId: correctedId, reason: "the report was withdrawn" },
  },
  NegotiationOpened: {
    type: "NegotiationOpened",
    occurredAt: { date: "../2025-11-20", label: "long before the plan" },
    sources: [],
    data: {
      negotiationId: "ukraine-2025",
      title: "Peace talks",
      parties: [{ id: "us", name: "United States", kind: "mediator", aliases: ["Washington"] }],
      issues: [{ id: "nato", proposition: "Ukraine may join NATO" }],
    },
  },
  PartyAdded: {
    type: "PartyAdded",
    occurredAt: "2025-11-20/..",
    sources: [source("Turkey joined.")],
    data: { negotiationId: "ukraine-2025", party: { id: "turkey", name: "Türkiye" } },
  },
  IssueAdded: {
    type: "IssueAdded",
    occurredAt: "2025-11",
    sources: [],
    data: { negotiationId: "ukraine-2025", issue: { id: "ceasefire", proposition: "The war ends with a ceasefire" } },
  },
  IssueReworded: {
    type: "IssueReworded",
    occurredAt: "2025-12-02T14:00:00Z",
    sources: [],
    data: { negotiationId: "ukraine-2025", issueId: "nato", proposition: "Ukraine joins NATO", reason: "shorter" },
  },
  SourceFiled: {
    type: "SourceFiled",
    occurredAt: "2025-12-03",
    sources: [],
    data: { sourceId: "test-wire-report", outlet: "Test Wire", title: "Negotiation report", publishedAt: "2025-12-03", text: filedText, sha256: digestOf(filedText) },
  },
  PlanReaction: {
    type: "PlanReaction",
    occurredAt: "2025-11-20?",
    reportedAt: "2025-12-03",
    sources: [source("Kyiv rejected it.")],
    data: { planId: "us-28-point-plan", party: "ukraine", position: "rejects", quote: "unacceptable" },
  },
  DevelopmentReported: {
    type: "DevelopmentReported",
    occurredAt: "2025-11-24/2025-11-30",
    sources: [source("His home was raided.")],
    data: { summary: "Yermak's home raided", parties: ["ukraine"], subject: "raid", claim: "raided" },
  },
};

/** The samples, validated as a writer's input would be. */
export const samples = (): PendingEvent[] => Object.values(sampleInputs).map((input) => parseEvent(input));
