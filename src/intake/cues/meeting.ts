import { cueAt, slug, type Proposal, type SentenceContext } from "../context.ts";
import { participantsIn, type DraftParticipant } from "../participants.ts";
import { whenOf, type When } from "../when.ts";
import { documentsCount, durationIn, placeAfter } from "./meeting-details.ts";

const held = /\b(?:met(?: with)?|have met|has met|held (?:a |an )?(?:[\w-]+ )?(?:meeting|talks)|held talks)\b/i;
const heldNoun = /\b(?:talks|negotiations|meeting|discussions|session)\b[^.;]{0,80}?\b(?:began|concluded|took place|had taken place|were held|was held|ended)\b/i;
const mention = /\b(?:talks|negotiations|meeting|round of negotiations)\s+(?:in|at)\s+(?:the\s+)?(?=\p{Lu})/iu;
const weekday = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today";
/** "Tuesday’s five-hour meeting": the cue is the noun, so the date attaches to it. */
const datedNoun = new RegExp(`(?<=\\b(?:${weekday})[’']s\\s+(?:[\\p{L}-]+\\s+){0,2})(?:meeting|talks|negotiations|session|summit)\\b`, "iu");
const scheduled = /\b(?:will (?:now |again )?meet|(?:is|are) (?:due|set|scheduled|expected) to meet|will hold talks)\b/i;

/** A meeting only mentioned ("prior to Tuesday’s talks in Moscow") names its place and date, not who took part. */
function proposal(ctx: SentenceContext, type: "MeetingHeld" | "MeetingScheduled", cue: { words: string; index: number }, mentionOnly = false): Proposal {
  const text = ctx.sentence.text;
  const place = placeAfter(ctx, cue.index);
  const when = whenOf(ctx, cue);
  const participants = mentionOnly ? [] : participantsIn(ctx);
  const meetingId = meetingIdOf(place?.name, when);
  const data: Record<string, unknown> = { meetingId, participants };
  if (place) data.place = place.name;
  if (type === "MeetingHeld") Object.assign(data, durationIn(text), documentsCount(text));
  const p: Proposal = {
    type,
    when,
    data,
    cues: [cue.words],
    needs: [],
    base: 0.8,
    quotes: [ctx.sentence.verbatim],
    sentence: ctx.sentence.text,
    newPeople: ctx.newNames,
    ...(place?.isNew ? { newPlace: place.name } : {}),
  };
  return { ...p, needs: meetingNeeds(p) };
}

/** What the analyst must still settle on a proposed meeting; recomputed when two are merged. */
export function meetingNeeds(p: Proposal): string[] {
  const participants = (p.data.participants ?? []) as DraftParticipant[];
  const needs = ["data.meetingId"];
  if (!p.data.place) needs.push("data.place");
  else if (p.newPlace) needs.push(`data.place (not on record: ${p.newPlace})`);
  if (participants.length === 0 && p.type === "MeetingHeld") needs.push("data.participants");
  participants.forEach((x, i) => {
    if (!x.party) needs.push(`data.participants[${i}].party`);
    if (p.newPeople.includes(x.name)) needs.push(`data.participants[${i}] (not on record: ${x.name})`);
  });
  const date = p.data.date as { date: string } | undefined;
  if (p.type === "MeetingScheduled" && date?.date.startsWith("..")) needs.push("data.date");
  return needs;
}

/** A readable id from place and date; the analyst links it to a meeting already on record (see needs). */
export const meetingIdOf = (place: string | undefined, when: When): string =>
  `${slug(place?.split(",")[0] ?? "meeting")}-${/^[\d-]+$/.test(when.date) ? when.date : (when.from ?? "undated")}`;

/** A future meeting: its date goes in `data.date`; when it was arranged is not said. */
function scheduledProposal(ctx: SentenceContext, cue: { words: string; index: number }): Proposal {
  const p = proposal(ctx, "MeetingScheduled", cue);
  p.data.date = { date: p.when.date, label: p.when.label };
  p.data.meetingId = meetingIdOf(p.data.place as string | undefined, p.when);
  p.when = { date: `../${ctx.article.publishedAt}`, label: `arranged by ${ctx.article.publishedAt}`, from: null, to: ctx.article.publishedAt, stated: false };
  return { ...p, needs: meetingNeeds(p) };
}

/**
 * Proposes a meeting held or scheduled for each place the sentence's cues name. When a verb
 * reports one meeting and a noun mentions another ("prior to Tuesday’s talks in Moscow,
 * Witkoff met …"), the people named go with the verb.
 */
export function meetingCues(ctx: SentenceContext): Proposal[] {
  const text = ctx.sentence.text;
  if (ctx.tense === "future") {
    const cue = cueAt(text, scheduled);
    return cue ? [scheduledProposal(ctx, cue)] : [];
  }
  const found = [cueAt(text, held), cueAt(text, heldNoun), cueAt(text, datedNoun), cueAt(text, mention)];
  const byPlace = new Map<string, Proposal>();
  for (const [i, cue] of found.entries()) {
    if (!cue) continue;
    const p = proposal(ctx, "MeetingHeld", cue, i >= 2 && (found[0] ?? found[1]) !== undefined);
    const key = typeof p.data.place === "string" ? p.data.place : "";
    if (!byPlace.has(key)) byPlace.set(key, p);
  }
  return [...byPlace.values()];
}
