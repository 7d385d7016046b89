import { Command, Option } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { draft } from "../intake/draft.ts";
import { draftSummary } from "../intake/summary.ts";
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
    throw new Error(`cannot read the article '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
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
  console.error(draftSummary(drafts));
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
