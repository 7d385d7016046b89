import express, { type RequestHandler } from "express";
import { z } from "zod";
import { issuesOf } from "../../events/issues.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import { ARTICLE_LIMIT_BYTES } from "../intake/article.ts";
import { DraftOptions, draft } from "../intake/draft.ts";
import { draftSummary } from "../intake/summary.ts";
import { vocabularyOf } from "../intake/vocabulary.ts";
import { BadRequestError } from "./errors.ts";

/** POST /api/drafts: the article and its metadata, as `parley draft` takes them. */
export const DraftRequest = DraftOptions.omit({ vocabulary: true, negotiation: true }).extend({
  text: z.string({ error: "text must be the article as a string" }).min(1, "text must hold the article"),
  negotiation: z.string({ error: "negotiation must name the negotiation whose parties and people names are linked to" }).min(1),
});

/** JSON escapes can make a body several times its text (\u0438 for и): room for an article at the cap. */
export const draftBody = express.json({ limit: ARTICLE_LIMIT_BYTES * 8 });

/** Drafts an article into a negotiation the record holds; writes nothing. */
export function draftRoute(chronicle: Chronicle): RequestHandler {
  return (req, res) => {
    const parsed = DraftRequest.safeParse(req.body);
    if (!parsed.success) throw new BadRequestError("invalid draft request", issuesOf(parsed.error, { whole: "(body)" }));
    const { text, negotiation, ...article } = parsed.data;
    const known = chronicle.negotiations();
    if (!known.includes(negotiation))
      throw new BadRequestError("invalid draft request", [
        { path: "negotiation", message: `no negotiation '${negotiation}' in the record; it holds: ${known.sort().join(", ") || "nothing yet"}` },
      ]);
    const drafts = draft(text, { ...article, negotiation, vocabulary: vocabularyOf(chronicle.asOf({ negotiation }).state()) });
    res.json({ drafts, summary: draftSummary(drafts) });
  };
}
