import { z } from "zod";
import { defineEvent, party, type Mention } from "./define.ts";
import { ValidTimeField } from "./valid-time.ts";
import { Participant, Slug } from "./vocabulary.ts";

const participants = (d: { participants: Participant[] }): Mention[] => d.participants.map((p, i) => party(p.party, "participants", i, "party"));

export const MeetingScheduled = defineEvent({
  type: "MeetingScheduled",
  version: 1,
  data: z.strictObject({
    meetingId: Slug,
    place: z.string().min(1),
    /** When the meeting is to take place; the event's own occurredAt is when it was arranged. */
    date: ValidTimeField,
    participants: z.array(Participant).default([]),
    purpose: z.string().optional(),
  }),
  stream: (d) => `meeting-${d.meetingId}`,
  describe: (d) => `meeting ${d.meetingId} scheduled in ${d.place}`,
  mentions: participants,
});

export const MeetingHeld = defineEvent({
  type: "MeetingHeld",
  version: 1,
  data: z.strictObject({
    meetingId: Slug,
    place: z.string().min(1),
    participants: z.array(Participant).min(1),
    durationHours: z.number().positive().optional(),
    /** Sources say "about five hours": the figure is approximate unless stated exactly. */
    durationApproximate: z.boolean().default(true),
    documentsPresented: z.number().int().nonnegative().optional(),
    round: z.string().optional(),
    outcome: z.string().optional(),
  }),
  stream: (d) => `meeting-${d.meetingId}`,
  describe: (d) => `meeting ${d.meetingId} held in ${d.place} (${d.participants.map((p) => p.name).join(", ")})${d.outcome ? `: ${d.outcome}` : ""}`,
  mentions: participants,
});

export const MeetingCancelled = defineEvent({
  type: "MeetingCancelled",
  version: 1,
  data: z.strictObject({ meetingId: Slug, reason: z.string().optional() }),
  stream: (d) => `meeting-${d.meetingId}`,
  describe: (d) => `meeting ${d.meetingId} cancelled${d.reason ? `: ${d.reason}` : ""}`,
});
