import { cueAt, type Proposal, type SentenceContext } from "../context.ts";
import { whenOf } from "../when.ts";
import { numberOf } from "./meeting-details.ts";

const shortened = /\b(?:shortened|cut|reduced|trimmed|expanded) to (\w+) points\b/i;
const revised =
  /\b(?:revised|updated|amended) (?:version|draft|plan|proposal|framework)\b|\b(?:plan|proposal|framework) (?:has|had) been (?:altered|revised|changed|updated|amended)\b/i;
const undisclosed = /\bnot (?:been )?(?:released|disclosed|explained|published|made public)\b|\bwithh(?:eld|olding)\b|\bconfidential\b/i;
const published = /\b(?:leak(?:ed)?|became public|made public|revealed|unveiled)\b/i;
const planWord = /\b(?:plan|proposal|draft|framework)\b/i;

/** "The plan was shortened to 22 points", "a revised version of the proposal". */
function revision(ctx: SentenceContext): Proposal[] {
  const text = ctx.sentence.text;
  const cue = cueAt(text, shortened) ?? cueAt(text, revised);
  if (!cue) return [];
  const count = shortened.test(cue.words) ? (numberOf(shortened.exec(cue.words)![1]!) ?? null) : null;
  const venue = ctx.mentions.find((m) => m.kind === "place")?.id;
  const data: Record<string, unknown> = { planId: null, pointCount: count, contentsDisclosed: !undisclosed.test(text), summary: text, ...(venue ? { venue } : {}) };
  const needs = ["data.planId", "data.summary"];
  if (count === null) needs.push("data.pointCount");
  if (!undisclosed.test(text)) needs.push("data.contentsDisclosed");
  const when = whenOf(ctx, cue);
  return [{ type: "PlanRevised", when, data, cues: [cue.words], needs, base: 0.7, quotes: [ctx.sentence.verbatim], sentence: ctx.sentence.text, newPeople: [] }];
}

/** "The Nov. 20 leak of the 28-point peace proposal", "the plan, made public last month". */
function publication(ctx: SentenceContext): Proposal[] {
  const text = ctx.sentence.text;
  const cue = cueAt(text, published);
  if (!cue || !planWord.test(text)) return [];
  const points = /\b(\d+)-point\b/.exec(text);
  const sponsor = ctx.mentions.find((m) => m.party)?.party;
  const data: Record<string, unknown> = {
    planId: null,
    title: null,
    manner: /leak/i.test(cue.words) ? "leaked" : "published",
    pointCount: points ? Number(points[1]) : null,
    points: [],
    ...(sponsor ? { sponsor } : {}),
  };
  const needs = ["data.planId", "data.title", "data.sponsor"];
  if (!points) needs.push("data.pointCount");
  const when = whenOf(ctx, cue);
  return [{ type: "PlanPublished", when, data, cues: [cue.words], needs, base: 0.6, quotes: [ctx.sentence.verbatim], sentence: ctx.sentence.text, newPeople: [] }];
}

export const planCues = (ctx: SentenceContext): Proposal[] => [...revision(ctx), ...publication(ctx)];
