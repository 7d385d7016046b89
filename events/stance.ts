import { z } from "zod";
import { defineEvent } from "./define.ts";
import { Issue, Party, StancePosition, issuePropositions } from "./vocabulary.ts";

/** v1 recorded a free "for/against/open" word; v2 uses the position vocabulary. */
const v1ToV2: Record<string, string> = { for: "supports", against: "rejects", open: "undecided" };

export const StanceStated = defineEvent({
  type: "StanceStated",
  version: 2,
  data: z.strictObject({
    party: Party,
    issue: Issue,
    position: StancePosition,
    speaker: z.string().min(1).optional(),
    quote: z.string().min(1).optional(),
    /** Why this reading of the source: stances are often inferred from a description. */
    basis: z.string().min(1).optional(),
  }),
  stream: (d) => `party-${d.party}`,
  describe: (d) => `${d.party} ${d.position} on ${d.issue} ("${issuePropositions[d.issue]}")${d.speaker ? `, per ${d.speaker}` : ""}`,
  upcasters: {
    1: ({ stance, ...rest }) => ({ ...rest, position: v1ToV2[String(stance)] ?? "unknown" }),
  },
});

export const StatementMade = defineEvent({
  type: "StatementMade",
  version: 1,
  data: z.strictObject({
    speaker: z.string().min(1),
    party: Party,
    summary: z.string().min(1),
    quote: z.string().min(1).optional(),
    issues: z.array(Issue).default([]),
    meetingId: z.string().optional(),
    /**
     * Reports that describe the same thing share a subject; differing claims under one
     * subject are a dispute, shown with every account and never resolved.
     */
    subject: z.string().min(1).optional(),
    claim: z.string().min(1).optional(),
  }),
  stream: (d) => `party-${d.party}`,
  describe: (d) => `${d.speaker}: ${d.summary}`,
});
