import { z } from "zod";
import { defineEvent, party } from "./define.ts";
import { Party } from "./vocabulary.ts";

const personStream = (name: string) =>
  `person-${name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;

export const OfficialAppointed = defineEvent({
  type: "OfficialAppointed",
  version: 1,
  data: z.strictObject({
    person: z.string().min(1),
    party: Party,
    role: z.string().min(1),
    previousRole: z.string().min(1).optional(),
  }),
  stream: (d) => personStream(d.person),
  describe: (d) => `${d.person} becomes ${d.role}`,
  mentions: (d) => [party(d.party, "party")],
});

/** One report of a departure. Two reports that disagree on `manner` are both kept. */
export const OfficialLeftOffice = defineEvent({
  type: "OfficialLeftOffice",
  version: 1,
  data: z.strictObject({
    person: z.string().min(1),
    party: Party,
    role: z.string().min(1),
    manner: z.enum(["resigned", "fired", "unknown"]),
    context: z.string().min(1).optional(),
  }),
  stream: (d) => personStream(d.person),
  describe: (d) => `${d.person} leaves office as ${d.role} (${d.manner})`,
  mentions: (d) => [party(d.party, "party")],
});
