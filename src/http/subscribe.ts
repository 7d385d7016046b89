import type { Request, RequestHandler, Response } from "express";
import { z } from "zod";
import { withEdtf } from "../../events/envelope.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import type { Effect, EffectFeed } from "./effect-feed.ts";
import { BadRequestError } from "./errors.ts";
import { PacedStream } from "./paced-stream.ts";

export interface EventStreamOptions {
  /** How often an idle stream gets a comment line, so proxies do not close it. */
  heartbeatMs: number;
  /** Bytes a subscriber may fall behind before it is dropped. */
  maxBehindBytes: number;
  /** Streams served at once; one more is refused until one ends. */
  maxSubscribers: number;
  /** Aborted when the server shuts down: every stream is told, then ended. */
  shutdown: AbortSignal;
  log: (line: string) => void;
}

/** How long a browser waits before reconnecting (it then sends Last-Event-ID by itself). */
const RETRY_MS = 2000;
/** A dropped client that never reads its last frame is disconnected after this long, freeing the socket. */
const DROP_GRACE_MS = 30_000;

const Position = z.coerce.number().int().nonnegative();

/** Last-Event-ID (what a reconnecting EventSource sends) wins over ?after; neither means "from now". */
function resumePoint(req: Request, head: number): number {
  const header = req.get("last-event-id");
  const [name, raw] = header !== undefined ? ["Last-Event-ID", header] : ["after", req.query.after];
  if (raw === undefined) return head;
  const parsed = Position.safeParse(raw);
  if (!parsed.success)
    throw new BadRequestError(`${name} must be an event position (a whole number), not '${typeof raw === "string" ? raw : JSON.stringify(raw)}'`, [
      { path: name, message: "must be a whole number" },
    ]);
  if (parsed.data > head) throw new BadRequestError(`${name} ${parsed.data} is beyond the record's head position ${head}`, [{ path: name, message: `must be at most ${head}` }]);
  return parsed.data;
}

const frame = (fields: { id?: number; event?: string; data: unknown }) =>
  `${fields.id !== undefined ? `id: ${fields.id}\n` : ""}${fields.event ? `event: ${fields.event}\n` : ""}data: ${JSON.stringify(fields.data)}\n\n`;

/** One effect is the same frame for every subscriber: serialised once, however many are listening. */
const frames = new WeakMap<Effect, string>();
function frameOf(effect: Effect): string {
  let text = frames.get(effect);
  if (text === undefined) frames.set(effect, (text = frame({ id: effect.event.position, data: { ...effect, event: withEdtf(effect.event) } })));
  return text;
}

/** The backlog after the resume point, then `ready` at the head: produced only as the client reads. */
function* opening(backlog: Effect[], head: number): Generator<string> {
  yield `retry: ${RETRY_MS}\n\n`;
  for (const effect of backlog) yield frameOf(effect);
  yield frame({ id: head, event: "ready", data: { position: head } });
}

function openStream(res: Response): void {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
}

/**
 * Server-Sent Events: one message per appended event (id = its position, data = the event
 * and what it changed), the backlog after the resume point first, then a `ready` message
 * whose id is the head, then live events. A client that falls too far behind gets a
 * `dropped` message and is disconnected; on shutdown a `shutdown` message, then the end.
 */
export function subscribe(chronicle: Chronicle, feed: EffectFeed, options: EventStreamOptions): RequestHandler {
  // One listener on the shutdown signal for every stream, however many are open.
  const streams = new Set<() => void>();
  options.shutdown.addEventListener("abort", () => streams.forEach((shutdown) => shutdown()), { once: true });
  return (req, res) => {
    if (options.shutdown.aborted) return void res.status(503).json({ error: "the server is shutting down" });
    if (streams.size >= options.maxSubscribers)
      return void res
        .status(503)
        .set("Retry-After", String(RETRY_MS / 1000))
        .json({ error: `the server already serves ${streams.size} live subscribers, its limit (PARLEY_MAX_SUBSCRIBERS); retry shortly` });
    const after = resumePoint(req, chronicle.head);
    openStream(res);
    const stream = new PacedStream(res, options.maxBehindBytes, (waitingBytes) => drop(waitingBytes));
    const { backlog, head, stop } = feed.follow(after, (effect) => stream.push(frameOf(effect)));
    stream.begin(opening(backlog, head));
    const heartbeat = setInterval(() => stream.keepAlive(": heartbeat\n\n"), options.heartbeatMs);
    const close = () => {
      stop();
      clearInterval(heartbeat);
      streams.delete(shutdown);
    };
    const shutdown = () => {
      close();
      stream.end(frame({ event: "shutdown", data: { reason: "the server is shutting down; reconnect with Last-Event-ID to resume" } }));
    };
    const drop = (waitingBytes: number) => {
      close();
      const reason = `this client fell ${waitingBytes} bytes behind the live stream (the limit is ${options.maxBehindBytes}); reconnect with Last-Event-ID to resume`;
      stream.end(frame({ event: "dropped", data: { reason } }));
      setTimeout(() => res.destroy(), DROP_GRACE_MS).unref();
      options.log(`subscriber ${req.ip ?? "unknown"} dropped: ${waitingBytes} bytes behind (limit ${options.maxBehindBytes})`);
    };
    streams.add(shutdown);
    res.on("close", close);
  };
}
