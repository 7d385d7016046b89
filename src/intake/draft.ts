import { z } from "zod";
import { boundByMeetings } from "./after-meeting.ts";
import { checkArticleSize } from "./article.ts";
import type { Proposal, SentenceContext } from "./context.ts";
import { documentCues } from "./cues/documents.ts";
import { meetingCues } from "./cues/meeting.ts";
import { officeCues } from "./cues/office.ts";
import { planCues } from "./cues/plan.ts";
import { statementCues } from "./cues/statement.ts";
import { findDates, tenseOf } from "./date-phrases.ts";
import { mergeMeetings } from "./merge.ts";
import { mentionsIn, type Mention } from "./names.ts";
import { unknownNames } from "./new-people.ts";
import { confidenceOf, sourceFor, type Article, type ProposedEvent } from "./proposal.ts";
import { sentencesOf, type Sentence } from "./sentences.ts";
import { DraftVocabulary } from "./vocabulary.ts";

export const DraftOptions = z.strictObject({
  publishedAt: z.iso.date({ error: "publishedAt must be a date (YYYY-MM-DD)" }),
  outlet: z.string().min(1, "outlet must name the publication"),
  title: z.string().min(1).optional(),
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).optional(),
  negotiation: z.string().min(1).optional(),
  vocabulary: DraftVocabulary,
});
export type DraftOptions = z.input<typeof DraftOptions>;

function contextOf(sentence: Sentence, article: Article, vocabulary: DraftVocabulary, lastSpeaker: Mention | undefined): SentenceContext {
  const tense = tenseOf(sentence.text);
  return {
    sentence,
    mentions: mentionsIn(sentence.text, vocabulary),
    dates: findDates(sentence.text, article.publishedAt, tense),
    tense,
    newNames: unknownNames(sentence.text, vocabulary),
    article,
    vocabulary,
    lastSpeaker,
  };
}

function proposalsOf(text: string, article: Article, vocabulary: DraftVocabulary): Proposal[] {
  const proposals: Proposal[] = [];
  let lastSpeaker: Mention | undefined;
  for (const sentence of sentencesOf(text)) {
    const ctx = contextOf(sentence, article, vocabulary, lastSpeaker);
    const statements = statementCues(ctx);
    lastSpeaker = statements.speaker ?? lastSpeaker;
    proposals.push(...meetingCues(ctx), ...documentCues(ctx), ...planCues(ctx), ...officeCues(ctx), ...statements.proposals);
  }
  return boundByMeetings(mergeMeetings(proposals), article.publishedAt);
}

function asEvent(p: Proposal, article: Article): ProposedEvent {
  const needs = [...(p.when.stated ? [] : ["occurredAt"]), ...p.needs];
  return {
    type: p.type,
    occurredAt: { date: p.when.date, label: p.when.label },
    reportedAt: article.publishedAt,
    sources: p.quotes.map((q) => sourceFor(article, q)),
    data: p.data,
    draft: {
      cues: p.cues,
      confidence: confidenceOf(p.base, needs),
      needs,
      ...(p.newPeople.length ? { newPeople: p.newPeople } : {}),
      ...(article.negotiation ? { negotiation: article.negotiation } : {}),
    },
  };
}

/**
 * Proposes the events an article reports, for an analyst to review: every date resolved
 * against the publication date, names linked to the record, each quote verbatim.
 */
export function draft(text: string, options: DraftOptions): ProposedEvent[] {
  checkArticleSize(text);
  const { vocabulary, ...article } = DraftOptions.parse(options);
  return proposalsOf(text, article, vocabulary).map((p) => asEvent(p, article));
}
