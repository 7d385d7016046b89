import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { StoredEvent } from "../../events/envelope.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import { changesAtom } from "../exports/atom.ts";
import { sourcesCsl } from "../exports/csl.ts";
import { eventsCsv } from "../exports/csv.ts";
import type { ExportInput } from "../exports/rows.ts";
import { stanceSvg } from "../exports/stance-svg.ts";
import { timelineJson } from "../exports/timelinejs.ts";
import { parseQuery, StateQuery } from "../engine/query.ts";
import { dayOf } from "./dashboard/dates.js";
import { densePeriod } from "./dashboard/window.js";
import { BadRequestError, NotFoundError } from "./errors.ts";

const Day = z.iso.date();
/** The chart's own choices; the rest of the query is the history's (negotiation, knownAt, at). */
const ChartQuery = z
  .object({ view: z.enum(["valid", "record"]).default("valid"), from: Day.optional(), to: Day.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined) && (q.from === undefined || q.from < q.to!), {
    message: "give both 'from' and 'to' (from before to), or neither for the dense period",
    path: ["from"],
  });

const queryOf = (req: Request) => req.query as Record<string, string | undefined>;

/** A file name that says what it holds and which moment of the record it is pinned to. */
const fileName = (what: string, input: ExportInput, ext: string) => `${what}-${input.negotiation}-known-${input.knownAt.replace(/[:.]/g, "")}.${ext}`;

/**
 * Thin handlers over src/exports/: each reads one negotiation's developments as the record
 * stood at `knownAt` (now when not given, and then the moment used is in the file name and
 * the Parley-Known-At header, so the download can be reproduced).
 */
export function exportRoutes(chronicle: Chronicle): Router {
  const router = Router();
  let index: { head: number; byId: Map<string, StoredEvent> } = { head: -1, byId: new Map() };
  const lookup = (id: string) => {
    if (index.head !== chronicle.head) index = { head: chronicle.head, byId: new Map(chronicle.events.map((e) => [e.id, e])) };
    return index.byId.get(id);
  };

  const inputOf = (query: Record<string, string | undefined>): ExportInput => {
    const name = query.negotiation;
    if (!name)
      throw new BadRequestError("an export covers one negotiation: add ?negotiation=NAME", [{ path: "negotiation", message: `one of ${chronicle.negotiations().join(", ")}` }]);
    const summary = chronicle.negotiationSummary(name);
    if (!summary) throw new NotFoundError("negotiation", name, chronicle.negotiations());
    const knownAt = query.knownAt ?? new Date().toISOString();
    const { at, ...basis } = parseQuery(StateQuery, { ...query, knownAt });
    const entries = chronicle.asOf(basis).history(at === undefined ? {} : { to: at });
    return { negotiation: name, title: summary.title ?? name, knownAt, entries, lookup };
  };
  const send = (res: Response, input: ExportInput, type: string, name: string, body: string) =>
    void res
      .type(type)
      .set({ "Parley-Known-At": input.knownAt, "Content-Disposition": `attachment; filename="${name}"` })
      .send(body);

  router.get("/api/exports/events.csv", (req, res) => {
    const input = inputOf(queryOf(req));
    send(res, input, "text/csv; charset=utf-8", fileName("events", input, "csv"), eventsCsv(input));
  });
  router.get("/api/exports/timeline.json", (req, res) => {
    const input = inputOf(queryOf(req));
    send(res, input, "application/json; charset=utf-8", fileName("timeline", input, "json"), JSON.stringify(timelineJson(input), null, 2));
  });
  router.get("/api/exports/sources.csl.json", (req, res) => {
    const input = inputOf(queryOf(req));
    send(res, input, "application/vnd.citationstyles.csl+json; charset=utf-8", fileName("sources", input, "csl.json"), JSON.stringify(sourcesCsl(input), null, 2));
  });
  router.get("/api/exports/stances.svg", (req, res) => {
    const { view, from, to, ...rest } = queryOf(req);
    const chart = parseQuery(ChartQuery, { view, from, to });
    const input = inputOf(rest);
    const last = input.entries.reduce((max, e) => ((e.occurredAtRange.to ?? "") > max ? e.occurredAtRange.to! : max), "");
    const doc = chronicle.asOf({ negotiation: input.negotiation, knownAt: input.knownAt }).state(last || undefined);
    const window =
      chart.from && chart.to
        ? { from: dayOf(`${chart.from}T00:00:00Z`), to: dayOf(`${chart.to}T00:00:00Z`) }
        : (densePeriod(input.entries) ?? { from: dayOf(input.knownAt) - 7, to: dayOf(input.knownAt) + 1 });
    send(
      res,
      input,
      "image/svg+xml; charset=utf-8",
      fileName(`stances-${chart.view}`, input, "svg"),
      stanceSvg({ doc, entries: input.entries, mode: chart.view, window, knownAt: input.knownAt }),
    );
  });
  router.get("/api/negotiations/:id/feed.atom", (req, res) => {
    const input = inputOf({ ...queryOf(req), negotiation: String(req.params.id) });
    res
      .type("application/atom+xml; charset=utf-8")
      .set("Parley-Known-At", input.knownAt)
      .send(changesAtom(input, `${req.protocol}://${req.get("host")}`));
  });
  return router;
}
