import type { ErrorRequestHandler } from "express";
import { InvalidEventError } from "../../events/envelope.ts";
import { InvalidQueryError, NotFoundError } from "../engine/query.ts";
import { ARTICLE_LIMIT_BYTES, ArticleTooLargeError } from "../intake/article.ts";
import { DuplicateEventIdError, StoreFullError, VersionConflictError } from "../store/port.ts";

// A thing the URL names that the record does not hold is the engine's NotFoundError; the body lists what it does hold.
export { NotFoundError };

/** A request the API refuses before it reaches the engine (bad body shape, bad query). */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly status = 400,
  ) {
    super(message);
    this.name = "BadRequestError";
  }
}

interface ErrorReply {
  status: number;
  body: Record<string, unknown>;
}

/** Errors from body-parser carry a status, a type, and say whether their message is safe to show. */
interface BodyError {
  status: number;
  expose: boolean;
  message: string;
  type?: string;
  limit?: number;
  length?: number;
}
const isBodyError = (err: unknown): err is BodyError =>
  typeof err === "object" && err !== null && typeof (err as { status?: unknown }).status === "number" && (err as { expose?: unknown }).expose === true;

/** What went wrong with the body itself, in words a script's author can act on; nothing was written. */
function bodyReply(err: BodyError): ErrorReply {
  const say = (error: string, message: string) => ({ status: err.status, body: { error: `${error}; nothing was written`, issues: [{ path: "(body)", message }] } });
  if (err.type === "entity.parse.failed") return say(`the body is not valid JSON: ${err.message}`, err.message);
  if (err.type === "entity.too.large") {
    const size = err.length !== undefined ? `${err.length} bytes` : "larger than that";
    return say(`the body is over the limit of ${err.limit} bytes (PARLEY_BODY_LIMIT): send fewer events per request`, `${size}; at most ${err.limit} bytes`);
  }
  return say(`the body could not be read: ${err.message}`, err.message);
}

/** Maps what the engine and the stores throw to a status and a body a script can act on. */
function replyFor(err: unknown): ErrorReply | undefined {
  if (err instanceof InvalidEventError)
    return { status: 400, body: { error: `invalid event: ${err.message}; nothing was written`, issues: err.issues, ...(err.index !== undefined ? { index: err.index } : {}) } };
  if (err instanceof InvalidQueryError) return { status: 400, body: { error: `invalid query: ${err.message}`, issues: err.issues } };
  if (err instanceof BadRequestError) return { status: err.status, body: { error: err.message, issues: err.issues } };
  if (err instanceof ArticleTooLargeError)
    return { status: 413, body: { error: err.message, issues: [{ path: "text", message: `${err.bytes} bytes; at most ${ARTICLE_LIMIT_BYTES}` }] } };
  if (err instanceof NotFoundError) return { status: 404, body: { error: err.message, known: err.known } };
  if (err instanceof VersionConflictError)
    return { status: 409, body: { error: `version conflict: ${err.message}; nothing was written`, stream: err.stream, expected: err.expected, actual: err.actual } };
  if (err instanceof DuplicateEventIdError) return { status: 409, body: { error: `${err.message}; nothing was written`, id: err.id } };
  // 507 Insufficient Storage: the request was fine and may be sent again once there is room.
  if (err instanceof StoreFullError) return { status: 507, body: { error: err.message } };
  if (isBodyError(err)) return bodyReply(err);
  // The router's own complaint about a path like /api/meetings/%E0%A4: a client's mistake, not a failure.
  if (err instanceof URIError) return { status: 400, body: { error: `the URL is not valid: ${err.message}`, issues: [{ path: "(url)", message: "bad percent-encoding" }] } };
  return undefined;
}

/** The last middleware: known failures become JSON replies, anything else a logged 500. */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const reply = replyFor(err);
    if (reply) return void res.status(reply.status).json(reply.body);
    log(`${req.method} ${req.originalUrl} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json({ error: "internal error; the server log has the details" });
  };
}
