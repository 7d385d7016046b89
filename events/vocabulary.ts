import { z } from "zod";

/** A slug: lower-case words joined by hyphens, used for every id the history names. */
export const Slug = z.string().regex(/^[a-z0-9]+(?:[-/][a-z0-9]+)*$/, "must be a lower-case slug such as 'us-peace-plan'");

/**
 * A party's id, as its negotiation declares it (`NegotiationOpened`, `PartyAdded`). The
 * schema checks the shape only; whether the negotiation knows the id is the engine's
 * decision, taken against the vocabulary recorded when the write arrives.
 */
export const Party = Slug;
export type Party = z.infer<typeof Party>;

/** An issue's id. Each issue states a proposition, and a stance's position is relative to it. */
export const Issue = Slug;
export type Issue = z.infer<typeof Issue>;

/**
 * A party's position on an issue's proposition. `mixed`: agrees with parts and not others;
 * `withheld`: declined to say, which is a statement, unlike `unknown`, which is a gap in the record.
 */
export const StancePosition = z.enum(["supports", "conditional", "undecided", "mixed", "rejects", "withheld", "unknown"]);
export type StancePosition = z.infer<typeof StancePosition>;

export const MeetingStatus = z.enum(["scheduled", "held", "cancelled"]);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const Participant = z.strictObject({
  name: z.string().min(1),
  party: Party,
  role: z.string().min(1).optional(),
});
export type Participant = z.infer<typeof Participant>;
