import { cueAt, nearest, type Proposal, type SentenceContext } from "../context.ts";
import { whenOf } from "../when.ts";

const left = /\b(resigned|stepped down|quit|(?:was|has been|been) (?:fired|dismissed|sacked|ousted)|fired|dismissed|sacked|ousted)\b/i;
const appointed = /\b(appointed|stepped in|took over|(?:was|has been) named|replaced)\b/i;

interface Holder {
  name: string;
  party?: string;
  index: number;
  isNew: boolean;
}

/** Whose office it is: the person named nearest before the cue ("Yermak resigned", "Umerov, the recently appointed head"). */
function holderOf(ctx: SentenceContext, cueIndex: number): Holder | undefined {
  const text = ctx.sentence.text;
  const known: Holder[] = ctx.mentions.filter((m) => m.kind === "person").map((m) => ({ name: m.id, party: m.party!, index: m.index, isNew: false }));
  const fresh: Holder[] = ctx.newNames.map((name) => ({ name, index: text.indexOf(name), isNew: true }));
  const people = [...known, ...fresh];
  return (
    nearest(
      people.filter((p) => p.index < cueIndex),
      cueIndex,
    ) ?? people.find((p) => p.index > cueIndex)
  );
}

/** "resigned as Zelensky’s chief of staff", "appointed head of …", "former Zelensky aide Andrey Yermak". */
function roleOf(text: string, cueIndex: number, cue: string, holder: Holder): string | undefined {
  const after = text.slice(cueIndex + cue.length);
  const stated = /^\s+(?:as\s+)?(?:the\s+)?([^,.;–—()]+?)(?=\s+(?:amid|after|following|because|over)\b|[,.;–—()]|$)/.exec(after);
  if (stated && !/^(after|in|on|at|amid|by)\b/i.test(stated[1]!)) return stated[1]!.trim();
  const before = text.slice(0, holder.index).replace(/\s*\p{Lu}[\p{L}’'-]*\s*$/u, " ");
  return /\bformer\s+((?:[\p{L}’'-]+\s+){0,2}[\p{L}’'-]+)\s*$/u.exec(before)?.[1];
}

const mannerOf = (words: string) => (/resigned|stepped down|quit/i.test(words) ? "resigned" : "fired");

function officeProposal(ctx: SentenceContext, type: "OfficialLeftOffice" | "OfficialAppointed", cue: { words: string; index: number }): Proposal[] {
  const holder = holderOf(ctx, cue.index);
  if (!holder) return [];
  const role = roleOf(ctx.sentence.text, cue.index, cue.words, holder);
  const data: Record<string, unknown> = { person: holder.name, ...(holder.party ? { party: holder.party } : {}), ...(role ? { role } : {}) };
  if (type === "OfficialLeftOffice") data.manner = mannerOf(cue.words);
  const needs = [...(role ? [] : ["data.role"]), ...(holder.party ? [] : ["data.party"]), ...(holder.isNew ? [`data.person (not on record: ${holder.name})`] : [])];
  const when = whenOf(ctx, cue);
  return [{ type, when, data, cues: [cue.words], needs, base: 0.8, quotes: [ctx.sentence.verbatim], sentence: ctx.sentence.text, newPeople: holder.isNew ? [holder.name] : [] }];
}

/** Departures (resigned / fired, as reported: two reports may disagree) and appointments. */
export function officeCues(ctx: SentenceContext): Proposal[] {
  const text = ctx.sentence.text;
  const out = cueAt(text, left),
    into = cueAt(text, appointed);
  return [...(out ? officeProposal(ctx, "OfficialLeftOffice", out) : []), ...(into ? officeProposal(ctx, "OfficialAppointed", into) : [])];
}
