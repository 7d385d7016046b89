import { Command, Option } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { draft } from "../intake/draft.ts";
import type { ProposedEvent } from "../intake/proposal.ts";
import type { StateDocument } from "../engine/document.ts";
import { vocabularyOf } from "../intake/vocabulary.ts";

interface DraftFlags {
  published: string;
  outlet: string;
  title?: string;
  url?: string;
  negotiation: string;
  out?: string;
}

function readArticle(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read the article '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** One line per type, then what the analyst must look at. */
function summary(drafts: ProposedEvent[]): string {
  const byType = new Map<string, number>();
  for (const d of drafts) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
  const newPeople = [...new Set(drafts.flatMap((d) => d.draft.newPeople ?? []))];
  return [
    `drafted ${drafts.length} events: ${[...byType].map(([t, n]) => `${n} ${t}`).join(", ") || "none"}`,
    `${drafts.filter((d) => d.draft.needs.length > 0).length} still need fields checked or filled (see each draft's "needs")`,
    ...(newPeople.length ? [`names not on record, proposed as new people: ${newPeople.join(", ")}`] : []),
  ].join("\n");
}

async function run(file: string, o: DraftFlags, stateOf: (negotiation: string) => Promise<StateDocument>) {
  const text = readArticle(file);
  const drafts = draft(text, {
    publishedAt: o.published,
    outlet: o.outlet,
    vocabulary: vocabularyOf(await stateOf(o.negotiation)),
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.url !== undefined ? { url: o.url } : {}),
    negotiation: o.negotiation,
  });
  const ndjson = drafts.map((d) => JSON.stringify(d)).join("\n") + (drafts.length ? "\n" : "");
  if (o.out) writeFileSync(o.out, ndjson);
  else process.stdout.write(ndjson);
  console.error(summary(drafts));
}

/**
 * `parley draft ARTICLE.txt …`: proposed events for an analyst to review, as NDJSON. Names are
 * linked to the negotiation's parties, people and places as `stateOf` reads them from the store.
 */
export const draftCommand = (stateOf: (negotiation: string) => Promise<StateDocument>) =>
  new Command("draft")
    .description("propose the events an article reports (NDJSON drafts for review; a summary on stderr)")
    .argument("<article>", "the article as a text file")
    .requiredOption("--published <date>", "the article's publication date (YYYY-MM-DD): relative dates resolve against it")
    .requiredOption("--outlet <name>", "the publication")
    .option("--title <title>")
    .option("--url <url>")
    .addOption(new Option("--negotiation <name>", "the negotiation whose parties, issues, people and places names are linked to").env("PARLEY_NEGOTIATION").makeOptionMandatory())
    .option("--out <file>", "write the drafts here instead of stdout")
    .action((file: string, o: DraftFlags) => run(file, o, stateOf));
