import type { Proposal } from "./context.ts";
import { meetingIdOf, meetingNeeds } from "./cues/meeting.ts";
import type { DraftParticipant } from "./participants.ts";
import { widthOf, type When } from "./when.ts";

/** The better-founded reading: a stated date over none, then the narrower one. */
const sharper = (a: When, b: When): When => (a.stated !== b.stated ? (a.stated ? a : b) : widthOf(b) < widthOf(a) ? b : a);

/** Two reports of one meeting cannot disagree on its date: one undated, or one reading within the other. */
function compatible(a: When, b: When): boolean {
  if (!a.stated || !b.stated) return true;
  const within = (x: When, y: When) => (y.from === null || (x.from !== null && y.from <= x.from)) && (y.to === null || (x.to !== null && x.to <= y.to));
  return within(a, b) || within(b, a);
}

const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])];

function combine(a: Proposal, b: Proposal): Proposal {
  const participants = [...(a.data.participants as DraftParticipant[])];
  for (const p of b.data.participants as DraftParticipant[]) if (!participants.some((q) => q.name === p.name)) participants.push(p);
  const when = sharper(a.when, b.when);
  const data = { ...b.data, ...a.data, participants, meetingId: meetingIdOf(String(a.data.place), when) };
  const merged: Proposal = {
    ...a,
    when,
    data,
    cues: union(a.cues, b.cues),
    quotes: union(a.quotes, b.quotes),
    newPeople: union(a.newPeople, b.newPeople),
    base: Math.max(a.base, b.base),
  };
  return { ...merged, needs: meetingNeeds(merged) };
}

/**
 * One article often reports one meeting in several sentences ("held a five-hour meeting
 * at the Kremlin", "the talks, which began late Tuesday"): meetings held at the same place
 * become one draft citing every sentence, with the sharpest date any of them gives, unless
 * their dates exclude each other.
 */
export function mergeMeetings(proposals: Proposal[]): Proposal[] {
  const out: Proposal[] = [];
  for (const p of proposals) {
    const same = p.type === "MeetingHeld" && p.data.place ? out.findIndex((q) => q.type === "MeetingHeld" && q.data.place === p.data.place && compatible(q.when, p.when)) : -1;
    if (same >= 0) out[same] = combine(out[same]!, p);
    else out.push(p);
  }
  return linkDocuments(out);
}

/**
 * "Presented four more documents … during the Kremlin talks": the documents join the meeting
 * at that place, take its date if they have none, and are presented to the meeting's other parties.
 */
function linkDocuments(proposals: Proposal[]): Proposal[] {
  const meetings = proposals.filter((p) => p.type === "MeetingHeld" && p.data.place);
  return proposals.map((p) => {
    if (p.type !== "DocumentsPresented") return p;
    const description = String(p.data.description);
    const meeting = meetings.find((m) =>
      String(m.data.place)
        .split(/,\s*/)
        .some((word) => description.includes(word)),
    );
    if (!meeting) return p;
    if (typeof p.data.count === "number") meeting.data.documentsPresented = p.data.count;
    const data = { ...p.data, meetingId: meeting.data.meetingId, presentedTo: recipients(p, meeting) };
    const needs = p.needs.filter((n) => n !== "data.meetingId" && (n !== "data.presentedTo" || data.presentedTo.length === 0));
    return { ...p, when: p.when.stated ? p.when : meeting.when, data, needs, cues: [...p.cues, `at the ${String(meeting.data.place)} meeting`] };
  });
}

function recipients(documents: Proposal, meeting: Proposal): string[] {
  const named = documents.data.presentedTo as string[];
  if (named.length > 0) return named;
  const parties = (meeting.data.participants as DraftParticipant[]).flatMap((x) => (x.party ? [x.party] : []));
  return [...new Set(parties)].filter((party) => party !== documents.data.presentedBy);
}
