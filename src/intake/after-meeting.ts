import type { Proposal } from "./context.ts";

const aboutTalks = /\b(?:talks|meetings?|discussions|negotiations|session|interlocutors)\b/i;

/** "in Florida", "the Florida discussions" name a venue; "demands from the Kremlin" names a party. */
const venueNamed = (sentence: string, place: string) =>
  new RegExp(`\\b(?:in|at)\\s+(?:the\\s+)?${place}\\b|\\b${place}\\s+(?:talks|meetings?|discussions|negotiations|session|round)\\b`).test(sentence);

/** The dated meeting an undated remark is about: the one whose place it names, else the latest when it speaks of "the talks". */
function meetingReferredTo(p: Proposal, meetings: Proposal[]): Proposal | undefined {
  const named = meetings.find((m) =>
    String(m.data.place)
      .split(/,\s*/)
      .some((word) => venueNamed(p.sentence, word)),
  );
  if (named) return named;
  if (!aboutTalks.test(p.sentence)) return undefined;
  return [...meetings].sort((a, b) => String(b.when.to).localeCompare(String(a.when.to)))[0];
}

/**
 * A remark the article reports without a date, about talks it dates elsewhere, was made
 * between the start of those talks and publication. The bound is inferred, not said, so
 * `occurredAt` stays among the fields the analyst must check.
 */
export function boundByMeetings(proposals: Proposal[], publishedAt: string): Proposal[] {
  const meetings = proposals.filter((p) => p.type === "MeetingHeld" && p.when.stated && p.when.from !== null && p.data.place);
  return proposals.map((p) => {
    if ((p.type !== "StatementMade" && p.type !== "StanceStated") || p.when.stated) return p;
    const meeting = meetingReferredTo(p, meetings);
    if (!meeting) return p;
    const from = meeting.when.from!;
    const label = `undated: after the ${String(meeting.data.place)} meeting (${meeting.when.date}), reported ${publishedAt}`;
    return { ...p, when: { date: from === publishedAt ? from : `${from}/${publishedAt}`, label, from, to: publishedAt, stated: false } };
  });
}
