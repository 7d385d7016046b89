import { Router } from "express";
import { z } from "zod";
import { NegotiationName } from "../../events/stream-name.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import { diffStates } from "../engine/diff.ts";
import { Moment, parseQuery } from "../engine/query.ts";

/** Two transaction times and one valid time: "what we learnt between 1 and 3 Dec" about the state on `at`. */
export const LearntQuery = z.strictObject({ at: Moment.optional(), knownFrom: Moment, knownTo: Moment, negotiation: NegotiationName.optional() });
export type LearntQuery = z.input<typeof LearntQuery>;

/**
 * The diff of one moment as the record stood at two transaction times; the engine's own
 * `diffStates` compares them, as it does for /api/diff's two valid times.
 */
export function learntRoutes(chronicle: Chronicle): Router {
  const router = Router();
  router.get("/api/diff/learnt", (req, res) => {
    const { at, knownFrom, knownTo, negotiation } = parseQuery(LearntQuery, req.query);
    const before = chronicle.asOf({ knownAt: knownFrom, negotiation }).state(at);
    const after = chronicle.asOf({ knownAt: knownTo, negotiation }).state(at);
    res.json({ at: after.at, knownFrom, knownTo, changes: diffStates(before, after) });
  });
  return router;
}
