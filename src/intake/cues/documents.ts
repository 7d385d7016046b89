import { cueAt, nearest, type Proposal, type SentenceContext } from "../context.ts";
import { whenOf } from "../when.ts";
import { numberOf } from "./meeting-details.ts";

const presented = /\b(?:presented|handed over|submitted|delivered) (\w+) (?:more |new |further |additional )?documents?\b/i;

/** "The US delegation presented four more documents": who presented is the party named just before the verb. */
export function documentCues(ctx: SentenceContext): Proposal[] {
  const cue = cueAt(ctx.sentence.text, presented);
  if (!cue) return [];
  const count = numberOf(presented.exec(cue.words)![1]!) ?? null;
  const parties = ctx.mentions.filter((m) => m.kind === "party");
  const by = nearest(
    parties.filter((m) => m.index < cue.index),
    cue.index,
  )?.party;
  const to = [...new Set(parties.filter((m) => m.party !== by).map((m) => m.party!))];
  const data: Record<string, unknown> = { documentSetId: `documents-${ctx.article.publishedAt}`, presentedTo: to, count, titles: [], description: ctx.sentence.text };
  if (by) data.presentedBy = by;
  const needs = ["data.documentSetId", "data.planId", "data.meetingId", "data.description"];
  if (!by) needs.push("data.presentedBy");
  if (to.length === 0) needs.push("data.presentedTo");
  if (count === null) needs.push("data.count");
  const when = whenOf(ctx, cue);
  return [{ type: "DocumentsPresented", when, data, cues: [cue.words], needs, base: 0.8, quotes: [ctx.sentence.verbatim], sentence: ctx.sentence.text, newPeople: [] }];
}
