import { z } from "zod";
import { defineEvent, issue, party } from "./define.ts";
import { Issue, Party, StancePosition } from "./vocabulary.ts";

/** v1 recorded a free "for/against/open" word; v2 uses the position vocabulary. */
const v1ToV2: Record<string, string> = { for: "supports", against: "rejects", open: "undecided" };

export const StanceStated = defineEvent({
  type: "StanceStated",
  version: 3,
  data: z.strictObject({
    party: Party,
    issue: Issue,
    position: StancePosition,
    /** The concrete variant the position is about, in the source's terms: "the entire Donbas", "30-50 kilometers". */
    terms: z.string().min(1).optional(),
    speaker: z.string().min(1).optional(),
    quote: z.string().min(1).optional(),
    /** Why this reading of the source: stances are often inferred from a description. */
    basis: z.string().min(1).optional(),
  }),
  stream: (d) => `party-${d.party}`,
  describe: (d) => `${d.party} ${d.position} on ${d.issue}${d.terms ? ` (${d.terms})` : ""}${d.speaker ? `, per ${d.speaker}` : ""}`,
  mentions: (d) => [party(d.party, "party"), issue(d.issue, "issue")],
  upcasters: {
    1: ({ stance, ...rest }) => ({ ...rest, position: v1ToV2[String(stance)] ?? "unknown" }),
    // v3 added positions and `terms`; every v2 payload is a valid v3 one.
    2: (v2) => v2,
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
  mentions: (d) => [party(d.party, "party"), ...d.issues.map((id, i) => issue(id, "issues", i))],
});
