import express, { type Express, type Request, type RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { fileURLToPath } from "node:url";
import type { Chronicle } from "../engine/chronicle.ts";
import { parseQuery } from "../engine/query.ts";
import { isTamperEvident } from "../store/port.ts";
import { readAccess, writeAccess } from "./auth.ts";
import { EffectFeed } from "./effect-feed.ts";
import { allowOrigins } from "./cors.ts";
import { BadRequestError, NotFoundError, errorHandler } from "./errors.ts";
import { EventsQuery, pageEvents } from "./event-page.ts";
import { openApiDocument } from "./openapi.ts";
import { defaultSettings, type HttpSettings } from "./settings.ts";
import { learntRoutes } from "./compare.ts";
import { draftBody, draftRoute } from "./drafts.ts";
import { exportRoutes } from "./exports.ts";
import { subscribe } from "./subscribe.ts";
import { historyPage } from "./history-page.ts";
import { vendorRoutes } from "./vendor.ts";
import { WriteQuery, previewWrite, recordWrite } from "./write.ts";

export interface AppOptions extends Partial<HttpSettings> {
  /** The bearer token writes must carry. */
  token: string;
  /** Heartbeat interval of event streams; 15 s keeps common proxies from closing them. */
  heartbeatMs?: number;
  /** Abort to tell every event stream the server is going away, and end them. */
  shutdown?: AbortSignal;
  /** Where unexpected failures and dropped subscribers are reported; never given a token. */
  log?: (line: string) => void;
}

/**
 * A query string as the engine's schemas take it: the basis (`knownAt`, `negotiation`) goes to
 * `asOf` and the rest to the question, each of which refuses what it does not know, naming it.
 */
const queryOf = (req: Request) => req.query as Record<string, string | undefined>;

const DASHBOARD = fileURLToPath(new URL("./dashboard/", import.meta.url));

/** `*id` routes take ids with slashes ("us-peace-plan/nato") written plainly or as %2F; `:id` gives a string. */
const idOf = (req: Request) => {
  const id: unknown = req.params.id;
  return Array.isArray(id) ? id.join("/") : String(id);
};

const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is("application/json"))
    throw new BadRequestError(
      "send JSON with 'Content-Type: application/json'",
      [{ path: "Content-Type", message: `'${req.get("content-type") ?? "(none)"}' is not application/json` }],
      415,
    );
  next();
};

/**
 * Security headers. The dashboard loads only its own files and talks only to this origin;
 * the page is served over plain HTTP on a local port, so browsers must not upgrade its requests.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
});

/** At most `limit` requests a minute from one address; with `refusalsOnly`, only those answered 401 or 403 count. */
function perMinute(limit: number, what: string, { refusalsOnly = false } = {}): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skipSuccessfulRequests: refusalsOnly,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401 && res.statusCode !== 403,
    message: { error: `more than ${limit} ${what} a minute from this address (PARLEY_WRITE_RATE_LIMIT); wait a minute and retry` },
  });
}

/** The options' guards, with the defaults for any left unset. */
const settingsOf = (o: AppOptions): HttpSettings => ({
  bodyLimit: o.bodyLimit ?? defaultSettings.bodyLimit,
  corsOrigins: o.corsOrigins ?? defaultSettings.corsOrigins,
  writesPerMinute: o.writesPerMinute ?? defaultSettings.writesPerMinute,
  subscriberBuffer: o.subscriberBuffer ?? defaultSettings.subscriberBuffer,
  maxSubscribers: o.maxSubscribers ?? defaultSettings.maxSubscribers,
  ...(o.readToken !== undefined ? { readToken: o.readToken } : {}),
  ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
});

/** Express checks the addresses as it is told them: a bad one stops the server at start, naming the variable. */
function trustProxies(app: Express, trust: number | string[] | undefined): void {
  if (trust === undefined) return;
  try {
    app.set("trust proxy", trust);
  } catch (err) {
    throw new Error(`PARLEY_TRUST_PROXY: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** The HTTP shell around one engine: each handler parses, asks the engine, and replies. */
export function createApp(chronicle: Chronicle, options: AppOptions): Express {
  const settings = settingsOf(options);
  const shutdown = options.shutdown ?? new AbortController().signal;
  const log = options.log ?? console.error;
  const feed = new EffectFeed(chronicle, log);
  shutdown.addEventListener("abort", () => feed.close(), { once: true });
  const openapi = openApiDocument();
  const reads = settings.readToken !== undefined ? readAccess(settings.readToken, options.token) : undefined;
  // Counts every attempt at a token, right or wrong: guards against guessing and scripts stuck in a retry loop.
  const writeLimit = perMinute(settings.writesPerMinute, "writes");
  const writes = writeAccess(options.token);
  /** One thing's timeline at `at`, on the basis the query names. */
  const timeline =
    (of: "point" | "meeting" | "party"): RequestHandler =>
    (req, res) => {
      const { at, ...basis } = queryOf(req);
      res.json(chronicle.asOf(basis)[of](idOf(req), at));
    };

  const app = express();
  trustProxies(app, settings.trustProxy);
  app.use(securityHeaders);
  if (settings.corsOrigins.length > 0) app.use(allowOrigins(settings.corsOrigins));

  // Degraded (the follower or the store's connection is down) still answers from what the engine
  // holds, but says 503, so a load balancer sends readers and writers to a server that is whole.
  app.get("/healthz", async (_req, res) => {
    const answers = await chronicle.store.headPosition().then(
      () => true,
      () => false,
    );
    const problems = [...chronicle.problems, ...(chronicle.store.problems?.() ?? []), ...(answers ? [] : ["the store does not answer"])];
    // The hash of the event at `position`, so the two can be published together even while another process appends.
    const headHash = answers && isTamperEvident(chronicle.store) ? await chronicle.store.hashAt(chronicle.head).catch(() => undefined) : undefined;
    res.status(problems.length > 0 ? 503 : 200).json({
      status: problems.length > 0 ? "degraded" : "ok",
      problems,
      position: chronicle.head,
      events: chronicle.events.length,
      skippedEvents: chronicle.store.skippedEvents?.() ?? 0,
      ...(headHash ? { headHash } : {}),
    });
  });
  app.post("/api/session", writeLimit, requireJson, express.json({ limit: "4kb" }), reads?.openSession ?? ((_req, res) => void res.status(204).end()));
  app.post("/api/session/write", writeLimit, requireJson, express.json({ limit: "4kb" }), writes.openWriteSession);
  app.post("/api/events", writeLimit, writes.requireWriter, requireJson, express.json({ limit: settings.bodyLimit }), async (req, res) => {
    if (parseQuery(WriteQuery, req.query).dryRun === "true") return void res.json(await previewWrite(chronicle, req.body));
    const reply = await recordWrite(chronicle, req.body);
    res.status(reply.status).json(reply.body);
  });
  // Drafting writes nothing, but it is analyst work on the record's vocabulary: the same token as writes.
  app.post("/api/drafts", writeLimit, writes.requireWriter, requireJson, draftBody, draftRoute(chronicle));
  // Reads are not limited, but a refused read token is a guess: those count against the same budget.
  if (reads) app.use("/api", perMinute(settings.writesPerMinute, "refused read tokens", { refusalsOnly: true }), reads.requireReader);
  app.get("/api/negotiations", (_req, res) => void res.json(chronicle.negotiationSummaries()));
  app.get("/api/negotiations/:id", (req, res) => {
    const summary = chronicle.negotiationSummary(idOf(req));
    if (!summary) throw new NotFoundError("negotiation", idOf(req), chronicle.negotiations());
    res.json(summary);
  });
  app.get("/api/state", (req, res) => {
    const { at, ...basis } = queryOf(req);
    res.json(chronicle.asOf(basis).state(at));
  });
  app.get("/api/diff", (req, res) => {
    const { from, to, ...basis } = queryOf(req);
    res.json(chronicle.asOf(basis).diff(from!, to!));
  });
  app.get("/api/history", (req, res) => {
    const { knownAt, negotiation, ...range } = queryOf(req);
    const page = historyPage(chronicle.asOf({ knownAt, negotiation }), range, req.originalUrl);
    if (page.next) res.links({ next: page.next });
    res.json(page.entries);
  });
  app.get("/api/events", (req, res) => void res.json(pageEvents(chronicle.events, parseQuery(EventsQuery, req.query))));
  app.get("/api/points/*id/history", timeline("point"));
  app.get("/api/meetings/*id", timeline("meeting"));
  app.get("/api/parties/:id", timeline("party"));
  app.get(
    "/api/subscribe",
    subscribe(chronicle, feed, { heartbeatMs: options.heartbeatMs ?? 15_000, maxBehindBytes: settings.subscriberBuffer, maxSubscribers: settings.maxSubscribers, shutdown, log }),
  );
  app.use(exportRoutes(chronicle));
  app.use(learntRoutes(chronicle));
  app.get("/api/openapi.json", (_req, res) => void res.json(openapi));
  app.use(vendorRoutes());
  app.use(express.static(DASHBOARD));
  app.use((req, res) => void res.status(404).json({ error: `no route ${req.method} ${req.path}; see /api/openapi.json` }));
  app.use(errorHandler(log));
  return app;
}
