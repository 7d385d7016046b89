import { z } from "zod";
import { defineEvent, issue, party } from "./define.ts";
import { Issue, Party } from "./vocabulary.ts";

/**
 * A development an article reports in its own voice, with nobody speaking: "the plan became
 * public", "his home was raided". Giving it a speaker would put the article's words into
 * someone's mouth. Reports that describe the same thing share a `subject`; differing
 * `claim`s under one subject are a dispute, kept with every account.
 */
export const DevelopmentReported = defineEvent({
  type: "DevelopmentReported",
  version: 1,
  data: z.strictObject({
    summary: z.string().min(1),
    parties: z.array(Party).default([]),
    issues: z.array(Issue).default([]),
    quote: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    claim: z.string().min(1).optional(),
  }),
  stream: () => "developments",
  describe: (d) => d.summary,
  mentions: (d) => [...d.parties.map((id, i) => party(id, "parties", i)), ...d.issues.map((id, i) => issue(id, "issues", i))],
});
