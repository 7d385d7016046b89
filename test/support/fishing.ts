/**
 * A made-up negotiation for tests that need one of their own: a fishing-rights dispute with
 * three parties and two issues, none of which the bundled history knows.
 */
export const FISHING = "fishing-2026";

const source = { outlet: "Harbour Gazette", title: "Quota talks open", publishedAt: "2026-03-02", quote: "The three fleets met to settle the quota." };

export const fishingOpened = {
  type: "NegotiationOpened",
  occurredAt: "2026-03",
  sources: [],
  data: {
    negotiationId: FISHING,
    title: "North Atlantic mackerel dispute",
    parties: [
      { id: "norway", name: "Norway", kind: "state" },
      { id: "iceland", name: "Iceland", kind: "state" },
      { id: "faroes", name: "Faroe Islands", kind: "self-governing territory" },
    ],
    issues: [
      { id: "quota", proposition: "Each fleet's share is fixed by the 2014 key" },
      { id: "access", proposition: "Fleets may fish in each other's waters" },
    ],
  },
};

/** A stance in the fishing dispute; tests vary one field at a time. */
export function fishingStance(overrides: { party?: string; issue?: string; position?: string; occurredAt?: string; reportedAt?: string; terms?: string; speaker?: string } = {}) {
  const { party = "iceland", issue = "quota", position = "rejects", occurredAt = "2026-03-02", reportedAt = occurredAt, terms, speaker } = overrides;
  return { type: "StanceStated", occurredAt, reportedAt, sources: [source], data: { party, issue, position, ...(terms ? { terms } : {}), ...(speaker ? { speaker } : {}) } };
}

/** A report of one account of something; two reports under one subject with different claims make a dispute. */
export function fishingReport(overrides: { subject?: string; claim?: string; occurredAt?: string; outlets?: string[] } = {}) {
  const { subject = "catch-2025", claim = "the Faroese fleet overfished by 10%", occurredAt = "2026-03-03", outlets = [source.outlet] } = overrides;
  return {
    type: "DevelopmentReported",
    occurredAt,
    reportedAt: occurredAt,
    sources: outlets.map((outlet) => ({ ...source, outlet })),
    data: { summary: `Account of ${subject}: ${claim}`, parties: ["faroes"], issues: ["quota"], subject, claim },
  };
}
