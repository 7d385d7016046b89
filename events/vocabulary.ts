import { z } from "zod";

/** The parties to the negotiation; Europe reacts but is not at the table. */
export const Party = z.enum(["us", "russia", "ukraine", "europe"]);
export type Party = z.infer<typeof Party>;

/**
 * The issues the plan turns on. Each names a proposition, and a stance's
 * position is relative to it: "supports" territory means supports Ukraine ceding Donbas.
 */
export const Issue = z.enum(["nato", "territory", "security-guarantees", "military-limits"]);
export type Issue = z.infer<typeof Issue>;

export const issuePropositions: Record<Issue, string> = {
  nato: "Ukraine may join NATO",
  territory: "Ukraine cedes the part of Donbas it still holds",
  "security-guarantees": "Ukraine receives Western security guarantees",
  "military-limits": "Ukraine's armed forces are capped",
};

export const StancePosition = z.enum(["supports", "conditional", "undecided", "rejects", "unknown"]);
export type StancePosition = z.infer<typeof StancePosition>;

export const MeetingStatus = z.enum(["scheduled", "held", "cancelled"]);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** A slug: lower-case words joined by hyphens, used for every id the history names. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:[-/][a-z0-9]+)*$/, "must be a lower-case slug such as 'us-peace-plan'");

export const Participant = z.strictObject({
  name: z.string().min(1),
  party: Party,
  role: z.string().min(1).optional(),
});
export type Participant = z.infer<typeof Participant>;
