import { z } from "zod";
import { catalogue } from "../../events/catalogue.ts";
import { NewEventInput } from "../../events/envelope.ts";
import { Source } from "../../events/source.ts";
import { ValidTimeField } from "../../events/valid-time.ts";
import { DiffQuery, HistoryQuery, StateQuery } from "../engine/query.ts";
import { LearntQuery } from "./compare.ts";
import { DraftRequest } from "./drafts.ts";
import { EventsQuery } from "./event-page.ts";
import { EventBatch, WriteQuery } from "./write.ts";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
/** Input side of a schema: what a client sends, before transforms; `$schema` belongs to the whole document. */
const options = { io: "input", unrepresentable: "any" } as const;

/** The write contract, from the same zod schemas the server validates with: one schema per event type. */
function eventSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(Source, { id: "Source" });
  registry.add(ValidTimeField, { id: "ValidTime" });
  const events = catalogue.map((d) => {
    const schema = NewEventInput.extend({ type: z.literal(d.type), data: d.data });
    registry.add(schema, { id: `${d.type}Event` });
    return schema;
  });
  const anyEvent = z.union(events);
  registry.add(anyEvent, { id: "Event" });
  registry.add(EventBatch.extend({ events: z.array(anyEvent).min(1) }), { id: "EventBatch" });
  const { schemas } = z.toJSONSchema(registry, { ...options, uri: (id) => ref(id).$ref });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

/** Query parameters read off a zod object schema, so the document cannot drift from the parser. */
function queryParameters(schema: z.ZodObject): unknown[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: (({ $schema: _, ...rest }) => rest)(z.toJSONSchema(field as z.ZodType, options)),
  }));
}

const json = (description: string, schema: unknown = { type: "object" }) => ({ description, content: { "application/json": { schema } } });
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: "string" } } } });
const problem = (description: string) => json(description, ref("Problem"));
const pathId = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const readErrors = {
  400: problem("a query parameter is not valid; `issues` names it"),
  401: problem("the server sets PARLEY_READ_TOKEN and the request carries no token"),
  403: problem("the token (or the dashboard session) is not this server's"),
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley",
      version: "0.1.0",
      description:
        "Event-sourced, bitemporal record of negotiations. Each negotiation declares its parties and issues (NegotiationOpened, PartyAdded, IssueAdded, IssueReworded); a write naming a party or issue its negotiation does not know is a 400 listing the ones it does. Query dates: YYYY-MM-DD (the end of that day, UTC) or an ISO instant with offset. `at` is valid time (when things happened); `knownAt` is transaction time (what the record showed then). Valid times are EDTF (2025-12-02, 2025-08, 2025-11-24/2025-11-30, ../2025-11-20) in and out; the document puts each beside its interval (`date` and `dateRange`, `since` and `sinceRange`, `at` and `atRange`, open bounds null).",
    },
    paths: {
      "/healthz": {
        get: {
          summary:
            "liveness and the record's head: { status: ok | degraded, problems, position, events, skippedEvents, headHash }; `problems` names what is wrong (the live follower failed and is retrying, the store's connection is lost, the store does not answer); `headHash` (stores that keep the hash chain) is the hash of the event at `position` (docs/hardening.md)",
          responses: { 200: json("ok, no problems"), 503: json("degraded: `problems` names each; the other routes still answer from what the engine holds") },
        },
      },
      "/api/negotiations": {
        get: {
          summary:
            "the negotiations the store holds: name, title, declared parties and issues, events, developments shown now, and the valid time they span (EDTF `span`, with `from` and `to`); pass a name as ?negotiation= to the other reads",
          responses: { 200: json("one entry per negotiation, by name"), ...readErrors },
        },
      },
      "/api/negotiations/{id}": {
        get: {
          summary: "one negotiation's vocabulary, span and event count",
          parameters: [pathId("id", "e.g. ukraine-2025")],
          responses: { 200: json("the negotiation"), 404: problem("no such negotiation; `known` lists them"), ...readErrors },
        },
      },
      "/api/state": {
        get: {
          summary: "the state document at a moment",
          parameters: queryParameters(StateQuery),
          responses: { 200: json("the state document (same shape as `parley state --json`)"), ...readErrors },
        },
      },
      "/api/history": {
        get: {
          summary:
            "the developments in valid-time order (corrections applied), each with its EDTF date, interval and sources; `from` and `to` bound the valid time (both days included), `knownAt` cuts by transaction time; at most `limit` entries (default 1,000), and while more follow a `Link: <…>; rel=\"next\"` header (RFC 8288) gives the next page's URL, which passes the last entry's eventId as `after`",
          parameters: queryParameters(HistoryQuery),
          responses: { 200: json("the timeline entries"), ...readErrors },
        },
      },
      "/api/diff": {
        get: {
          summary: "what changed between two moments, with the events that changed it",
          parameters: queryParameters(DiffQuery),
          responses: { 200: json("changes and developments"), ...readErrors },
        },
      },
      "/api/diff/learnt": {
        get: {
          summary: "what the record learnt between two transaction times (`knownFrom`, `knownTo`) about the state at `at`: the same change list as /api/diff",
          parameters: queryParameters(LearntQuery),
          responses: { 200: json("{ at, knownFrom, knownTo, changes }"), ...readErrors },
        },
      },
      "/api/exports/events.csv": {
        get: {
          summary:
            "one row per development in ACLED-like columns (event_id, event_date as EDTF, time_precision, type, party, issue, position, place, source, quote, reported_at, recorded_at); `negotiation` is required, `knownAt` pins the record (now when left out: the moment used is in the file name and the Parley-Known-At header)",
          parameters: queryParameters(StateQuery),
          responses: { 200: file("text/csv", "RFC 4180 CSV with a header row"), 404: problem("no such negotiation; `known` lists them"), ...readErrors },
        },
      },
      "/api/exports/timeline.json": {
        get: {
          summary: "the developments in TimelineJS's JSON format; parameters as for events.csv",
          parameters: queryParameters(StateQuery),
          responses: { 200: json("{ title, events }"), 404: problem("no such negotiation; `known` lists them"), ...readErrors },
        },
      },
      "/api/exports/sources.csl.json": {
        get: {
          summary: "the articles behind the developments as CSL-JSON (one item per article), for citation managers; parameters as for events.csv",
          parameters: queryParameters(StateQuery),
          responses: { 200: file("application/vnd.citationstyles.csl+json", "an array of CSL items"), 404: problem("no such negotiation; `known` lists them"), ...readErrors },
        },
      },
      "/api/exports/stances.svg": {
        get: {
          summary:
            "the stance chart as a standalone SVG file, lanes as the dashboard draws them; `view` is valid (default) or record, `from` and `to` (days, both or neither) the window, else the dense period; other parameters as for events.csv",
          parameters: [...queryParameters(StateQuery), ...["view", "from", "to"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } }))],
          responses: { 200: file("image/svg+xml", "the chart"), 404: problem("no such negotiation; `known` lists them"), ...readErrors },
        },
      },
      "/api/negotiations/{id}/feed.atom": {
        get: {
          summary: "an Atom feed (RFC 4287) of the negotiation's changes, newest recorded first; `knownAt` pins it",
          parameters: [pathId("id", "e.g. ukraine-2025"), ...queryParameters(StateQuery).filter((p) => (p as { name: string }).name !== "negotiation")],
          responses: { 200: file("application/atom+xml", "the feed"), 404: problem("no such negotiation; `known` lists them"), ...readErrors },
        },
      },
      "/api/events": {
        get: {
          summary: "stored events in position order, filtered, paged by position (`next` is the next page's `after`)",
          parameters: queryParameters(EventsQuery),
          responses: { 200: json("{ events, next }"), ...readErrors },
        },
        post: {
          summary: "append one event, or a batch (all or none); with ?dryRun=true, check it exactly as an append would and say what it would change, writing nothing",
          security: [{ bearer: [] }],
          parameters: queryParameters(WriteQuery),
          requestBody: { required: true, content: { "application/json": { schema: { anyOf: [ref("Event"), ref("EventBatch")] } } } },
          responses: {
            201: json("appended", ref("Appended")),
            200: json(
              "every event was already stored under its id (an idempotent retry); nothing appended. With ?dryRun=true: { dryRun: true, changes, warnings }, nothing written: `changes` per negotiation and valid time touched (the end of each event's valid time), the state diff as /api/diff gives it; `warnings` (kind single-source, dispute, wide-date, new-person; `path` names the event and field)",
              { anyOf: [ref("Appended"), ref("Preview")] },
            ),
            400: problem("an event is invalid; `issues` names each bad field; nothing was written"),
            401: problem("no bearer token"),
            403: problem("wrong bearer token"),
            409: problem("the stream is not at the expected version (or an id is reused for a different event); nothing was written"),
            413: problem("the body is over PARLEY_BODY_LIMIT (1 MiB by default); nothing was written"),
            415: problem("the body is not JSON"),
            429: problem("more writes a minute than PARLEY_WRITE_RATE_LIMIT from this address; nothing was written"),
            507: problem("the store's disk is full; nothing was written; retry once space is freed"),
          },
        },
      },
      "/api/drafts": {
        post: {
          summary:
            "propose the events an article reports, as `parley draft` does: { drafts, summary }; each draft carries a `draft` annotation (cues, confidence, `needs`) and is refused by POST /api/events until an analyst removes it; writes nothing",
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { "application/json": { schema: (({ $schema: _, ...rest }) => rest)(z.toJSONSchema(DraftRequest, options)) } } },
          responses: {
            200: json("{ drafts, summary }: the drafts as `parley draft` writes them, and its summary lines"),
            400: problem("a field is missing or invalid, or the negotiation is not in the record; `issues` names the field (and lists the negotiations)"),
            401: problem("no bearer token"),
            403: problem("wrong bearer token"),
            413: problem("the article text is over 200 kB; it is never truncated"),
            415: problem("the body is not JSON"),
            429: problem("more writes a minute than PARLEY_WRITE_RATE_LIMIT from this address"),
          },
        },
      },
      "/api/points/{id}/history": {
        get: {
          summary: "one plan point's timeline, with sources",
          parameters: [pathId("id", "e.g. us-peace-plan/nato"), ...queryParameters(StateQuery)],
          responses: { 200: json("the point and the developments behind it"), 404: problem("no such point; `known` lists the points"), ...readErrors },
        },
      },
      "/api/meetings/{id}": {
        get: {
          summary: "one meeting with its documents and statements, with sources",
          parameters: [pathId("id", "e.g. kremlin-2025-12-02"), ...queryParameters(StateQuery)],
          responses: { 200: json("the meeting and the developments behind it"), 404: problem("no such meeting; `known` lists the meetings"), ...readErrors },
        },
      },
      "/api/parties/{party}": {
        get: {
          summary: "one party's stances, statements, people and meetings, with sources",
          parameters: [pathId("party", "a party its negotiation declares, e.g. russia"), ...queryParameters(StateQuery)],
          responses: { 200: json("the party's timelines"), 404: problem("no such party; `known` lists the parties"), ...readErrors },
        },
      },
      "/api/subscribe": {
        get: {
          summary:
            "Server-Sent Events: one message per appended event (SSE id = its position; data = { event, at, changes }), then `ready`, then live; `dropped` (then the end) for a client more than PARLEY_SUBSCRIBER_BUFFER bytes behind; `shutdown` when the server stops; comment heartbeats",
          parameters: [
            { name: "after", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
            { name: "Last-Event-ID", in: "header", required: false, description: "resume after this position (wins over `after`)", schema: { type: "integer", minimum: 0 } },
          ],
          responses: {
            200: { description: "an event stream", content: { "text/event-stream": { schema: { type: "string" } } } },
            ...readErrors,
            400: problem("the resume position is not a position, or beyond the head"),
          },
        },
      },
      "/api/openapi.json": { get: { summary: "this document", responses: { 200: json("OpenAPI 3.1"), 401: readErrors[401], 403: readErrors[403] } } },
      "/api/session": {
        post: {
          summary: "the dashboard trades the read token for an HttpOnly session cookie (an EventSource cannot send a header); 204 with nothing to do when reads are open",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { token: { type: "string" } }, required: ["token"] } } } },
          responses: {
            204: { description: "session cookie set" },
            400: problem("no token in the body"),
            403: problem("not this server's read token"),
            429: problem("too many attempts"),
          },
        },
      },
      "/api/session/write": {
        post: {
          summary:
            "the dashboard trades the API (write) token for an HttpOnly, SameSite=Strict write cookie holding a keyed hash of it; a write carrying that cookie must also carry this server's own Origin, else 403",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { token: { type: "string" } }, required: ["token"] } } } },
          responses: {
            204: { description: "write cookie set" },
            400: problem("no token in the body"),
            403: problem("not this server's API token"),
            429: problem("too many attempts"),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "PARLEY_API_TOKEN, or the token file the server names at start" } },
      schemas: {
        ...eventSchemas(),
        Preview: {
          type: "object",
          properties: {
            dryRun: { const: true },
            changes: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  negotiation: { type: "string" },
                  at: { type: "string" },
                  validTime: { type: "string" },
                  eventIds: { type: "array", items: { type: "string" } },
                  changes: { type: "array", items: { type: "object" } },
                  lines: { type: "array", items: { type: "string" } },
                },
              },
            },
            warnings: {
              type: "array",
              items: {
                type: "object",
                properties: { kind: { enum: ["single-source", "dispute", "wide-date", "new-person"] }, path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
          required: ["dryRun", "changes", "warnings"],
        },
        Appended: { type: "object", properties: { position: { type: "integer" }, streamVersion: { type: "integer" } }, required: ["position", "streamVersion"] },
        Problem: {
          type: "object",
          properties: {
            error: { type: "string" },
            issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
            known: { type: "array", items: { type: "string" } },
          },
          required: ["error"],
        },
      },
    },
  };
}
