import { nearest, type Proposal, type SentenceContext } from "../context.ts";
import { issuesIn } from "../issues.ts";
import type { Mention } from "../names.ts";
import { whenOf } from "../when.ts";

const speech =
  /\b(said|says|say|told|noted|emphasi[sz]ed|added|asserted|confirmed|stated|declared|warned|explained|underscored|highlighted|reiterated|reiterating|accused|characteri[sz]ed|described|maintained|acknowledged|insisted|cautioned|announced|argued|claimed|stressed)\b/i;
const stance =
  /\b(rejected|rejects|ruled out|rule out|unacceptable|acceptable|dismissed|opposes|opposed|objections?|objected|condemn(?:ed|ing)?|must never|never be allowed|refused|deal-breakers?|nonstarters?|essential|important for it)\b/i;
/** The quoted words; a single right quote inside double quotes is an apostrophe ("doesn’t"), and so is one before a letter. */
const quotation = /“([^”]{12,})”|"([^"]{12,})"|‘(.{12,}?)’(?!\p{L})/u;
const quotedWords = (text: string) => {
  const m = quotation.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};

const possessive = (ctx: SentenceContext, m: Mention) => /^[’']s\b/.test(ctx.sentence.text.slice(m.index + m.words.length));

/**
 * Who speaks: the person or party named nearest the verb ("said Yury Ushakov", "the Kremlin
 * said", "Russia has repeatedly said"), never a possessor ("Putin’s aide said": the aide,
 * unnamed, speaks for Putin's party); else "he"/"she" as the last person quoted.
 */
function speakerOf(ctx: SentenceContext, cueIndex: number): Mention | undefined {
  const persons = ctx.mentions.filter((m) => m.kind === "person" && !possessive(ctx, m));
  const subjects = ctx.mentions.filter((m) => m.kind === "party" && m.index < cueIndex && cueIndex - (m.index + m.words.length) <= 25);
  const named = nearest([...persons, ...subjects], cueIndex);
  if (named) return named;
  const owner = nearest(
    ctx.mentions.filter((m) => m.kind === "person" && possessive(ctx, m)),
    cueIndex,
  );
  const owned =
    owner &&
    /^[’']s\s+((?:[\p{L}-]+\s+){0,2}(?:aide|adviser|advisor|envoy|spokesman|spokesperson|spokeswoman|minister|office))\b/u.exec(
      ctx.sentence.text.slice(owner.index + owner.words.length),
    );
  if (owner && owned) return { kind: "party", id: owner.party!, party: owner.party!, words: `${owner.words}’s ${owned[1]}`, index: owner.index };
  if (/\b(he|she)\b/i.test(ctx.sentence.text.slice(0, cueIndex + 40)) && ctx.lastSpeaker) return ctx.lastSpeaker;
  return undefined;
}

function statement(ctx: SentenceContext, cue: { words: string; index: number }, speaker: Mention | undefined, issues: string[]): Proposal {
  const text = ctx.sentence.text;
  const quote = quotedWords(text);
  const name = speaker?.kind === "person" ? speaker.id : speaker?.words;
  const data: Record<string, unknown> = {
    summary: text,
    issues,
    ...(name ? { speaker: name } : {}),
    ...(speaker?.party ? { party: speaker.party } : {}),
    ...(quote ? { quote } : {}),
  };
  const needs = ["data.summary", ...(name ? [] : ["data.speaker"]), ...(speaker?.party ? [] : ["data.party"])];
  const when = whenOf(ctx, cue);
  return { type: "StatementMade", when, data, cues: [cue.words], needs, base: 0.6, quotes: [ctx.sentence.verbatim], sentence: ctx.sentence.text, newPeople: [] };
}

/** Whose stance: "… as deal-breakers by Moscow", else the speaker's party, else the party named just before the cue. */
function stanceParty(ctx: SentenceContext, cue: { words: string; index: number }, speaker: Mention | undefined, spokeFirst: boolean): string | undefined {
  const after = ctx.sentence.text.slice(cue.index + cue.words.length);
  const by = /^\s+by\s+/.exec(after) ? ctx.mentions.find((m) => m.party && m.index > cue.index && m.index <= cue.index + cue.words.length + 12) : undefined;
  if (by) return by.party;
  if (spokeFirst && speaker?.party) return speaker.party;
  return (
    nearest(
      ctx.mentions.filter((m) => m.party && m.index < cue.index),
      cue.index,
    )?.party ?? speaker?.party
  );
}

/** One stance per issue named; its direction relative to the issue's proposition is always the analyst's call. */
function stances(ctx: SentenceContext, cue: { words: string; index: number }, party: string | undefined, speaker: Mention | undefined, issues: string[]): Proposal[] {
  const position = /^acceptable|essential|important/i.test(cue.words)
    ? "supports"
    : /unacceptable|reject|ruled out|rule out|dismiss|oppos|object|condemn|never|refus|deal-breaker|nonstarter/i.test(cue.words)
      ? "rejects"
      : "unknown";
  const when = whenOf(ctx, cue);
  const speakerName = speaker?.kind === "person" ? { speaker: speaker.id } : {};
  return (issues.length > 0 ? issues : [undefined]).map((issue) => ({
    type: "StanceStated",
    when,
    data: { position, basis: `cue '${cue.words}'`, ...(party ? { party } : {}), ...(issue ? { issue } : {}), ...speakerName },
    cues: [cue.words],
    needs: ["data.position", ...(issue ? [] : ["data.issue"]), ...(party ? [] : ["data.party"])],
    base: 0.5,
    quotes: [ctx.sentence.verbatim],
    sentence: ctx.sentence.text,
    newPeople: [],
  }));
}

/** “We are no closer …” standing alone after a quoted speaker: the same speaker goes on. */
function continuedQuotation(ctx: SentenceContext): Proposal[] {
  const text = ctx.sentence.text;
  if (!ctx.lastSpeaker || !/^[“"][^“”"]+[”"]?$/.test(text)) return [];
  return [statement(ctx, { words: "quotation continued", index: 0 }, ctx.lastSpeaker, issuesIn(text, ctx.vocabulary))];
}

/** One stance per party and issue in a sentence. */
const stanceKey = (p: Proposal) => `${String(p.data.party)}/${String(p.data.issue)}`;

/** Statements from reporting verbs; a stance from each stance word, or from a statement that names an issue, its speaker the one of the nearest verb before it. */
export function statementCues(ctx: SentenceContext): { proposals: Proposal[]; speaker: Mention | undefined } {
  const text = ctx.sentence.text;
  const quoted = [...text.matchAll(/[“"][^”"]*[”"]/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const said = [...text.matchAll(new RegExp(speech, "gi"))].map((m) => ({ words: m[0], index: m.index })).filter((c) => !quoted.some(([a, b]) => c.index > a && c.index < b));
  const held = [...text.matchAll(new RegExp(stance, "gi"))].map((m) => ({ words: m[0], index: m.index }));
  const speaker = said[0] ? speakerOf(ctx, said[0].index) : undefined;
  const issues = issuesIn(text, ctx.vocabulary);
  const proposals = said[0] ? [statement(ctx, said[0], speaker, issues)] : continuedQuotation(ctx);
  const stanceCues = held.length > 0 ? held : said[0] && issues.length > 0 ? [said[0]] : [];
  const seen = new Set<string>();
  for (const cue of stanceCues) {
    // Inside a quotation the stance is the quoted speaker's; elsewhere, the speaker of the verb before it.
    const quotedStance = quoted.some(([a, b]) => cue.index > a && cue.index < b);
    const verb = said.filter((c) => c.index <= cue.index).at(-1);
    const who = quotedStance ? speaker : verb ? speakerOf(ctx, verb.index) : undefined;
    const fresh = stances(ctx, cue, stanceParty(ctx, cue, who, quotedStance || !!verb), who, issues).filter((p) => !seen.has(stanceKey(p)));
    fresh.forEach((p) => seen.add(stanceKey(p)));
    proposals.push(...fresh);
  }
  return { proposals, speaker: speaker?.kind === "person" ? speaker : undefined };
}
