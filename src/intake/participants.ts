import { nearest, type SentenceContext } from "./context.ts";

export interface DraftParticipant {
  name: string;
  party?: string;
  role?: string;
}

const groupNoun = /^\s+(?:and\s+\S+\s+)?(officials|delegation|negotiators|delegates|envoys|team)\b/;

/** "Ukrainian and U.S. officials", "a Ukrainian delegation": unnamed people acting for a party. */
function groups(ctx: SentenceContext, persons: DraftParticipant[]): DraftParticipant[] {
  const text = ctx.sentence.text;
  return ctx.mentions
    .filter((m) => m.kind === "party" && !persons.some((p) => p.party === m.party))
    .flatMap((m) => {
      const noun = groupNoun.exec(text.slice(m.index + m.words.length));
      return noun ? [{ name: `${m.words} ${noun[1]}`, party: m.party! }] : [];
    });
}

/** A new person's party, guessed from the nearest party named before them ("On the Russian side, … Kirill Dmitriev"). */
function guessedParty(ctx: SentenceContext, name: string): string | undefined {
  const at = ctx.sentence.text.indexOf(name.split(" ")[0]!);
  return nearest(
    ctx.mentions.filter((m) => m.kind === "party" && m.index < at),
    at,
  )?.party;
}

/** "former Zelensky aide …", "Putin’s envoy", "minus … Yermak": named, but not taking part. */
function bystander(ctx: SentenceContext, index: number, words: string): boolean {
  const text = ctx.sentence.text;
  const after = text.slice(index + words.length);
  if (/^(?:[’']s\b|\s+(?:aide|adviser|advisor|envoy|administration|government|office|spokesman|spokesperson)\b)/i.test(after)) return true;
  return /\b(?:minus|without|except|excluding|other than)\s+(?:[\p{L}’'-]+\s+){0,4}$/iu.test(text.slice(0, index));
}

/** Everyone the sentence names: people on record, then unnamed delegations, then new names (flagged by the caller). */
export function participantsIn(ctx: SentenceContext): DraftParticipant[] {
  const persons = new Map<string, DraftParticipant>();
  for (const m of ctx.mentions)
    if (m.kind === "person" && !persons.has(m.id) && !bystander(ctx, m.index, m.words)) persons.set(m.id, { name: m.id, party: m.party!, ...(m.role ? { role: m.role } : {}) });
  const known = [...persons.values()];
  const fresh = ctx.newNames.map((name) => {
    const party = guessedParty(ctx, name);
    return party ? { name, party } : { name };
  });
  const unnamed = groups(ctx, [...known, ...fresh]).filter((g, i, all) => all.findIndex((h) => h.name === g.name) === i);
  return [...known, ...fresh, ...unnamed];
}
