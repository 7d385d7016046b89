import { z } from "zod";
import { InvalidEventError } from "../../events/envelope.ts";
import { issuesOf } from "../../events/issues.ts";
import { NegotiationName, StreamName } from "../../events/stream-name.ts";
import type { Chronicle } from "../engine/chronicle.ts";
import type { RecordOptions } from "../engine/record.ts";
import type { Preview } from "../engine/preview.ts";
import { BadRequestError } from "./errors.ts";

const ExpectedVersion = z.union([z.literal("no_stream"), z.literal("any"), z.number().int().nonnegative()], {
  error: `must be "no_stream", "any" or the stream's current version (a whole number)`,
});

/** The batch form: several events, all or none, optionally in one negotiation, or pinned to one stream at a known version. */
export const EventBatch = z.strictObject({
  negotiation: NegotiationName.optional().describe(
    "the negotiation the events are recorded in (their streams are prefixed with its name); without it, the server's PARLEY_NEGOTIATION, else the write is refused",
  ),
  stream: StreamName.optional(),
  expectedVersion: ExpectedVersion.optional(),
  events: z.array(z.unknown()).min(1, "a batch needs at least one event"),
});

interface Write {
  inputs: unknown[];
  options: RecordOptions;
  /** Renames the engine's "[i].field" paths to where the field sits in this body. */
  locate: (path: string) => string;
  batch: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Tells the two body forms apart: an object with `events` is a batch, any other object one event. */
function parseWrite(body: unknown): Write {
  if (!isObject(body))
    throw new BadRequestError("the body must be one event ({ type, occurredAt, sources, data }) or a batch ({ negotiation?, stream?, expectedVersion?, events: [...] })");
  if (!("events" in body)) return { inputs: [body], options: {}, locate: (p) => p.replace(/^\[0\]\.?/, ""), batch: false };
  const batch = EventBatch.safeParse(body);
  if (!batch.success) throw new BadRequestError("invalid batch; nothing was written", issuesOf(batch.error));
  const { events, negotiation, stream, expectedVersion } = batch.data;
  return {
    inputs: events,
    options: { ...(negotiation ? { negotiation } : {}), ...(stream ? { stream } : {}), ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
    locate: (p) => (p.startsWith("[") ? `events${p}` : p),
    batch: true,
  };
}

/**
 * Records the body's events. Replies with the last event's position and its stream's
 * version; 201 when anything was written, 200 when every event was already stored (a retry).
 */
export async function recordWrite(chronicle: Chronicle, body: unknown): Promise<{ status: number; body: { position: number; streamVersion: number } }> {
  const write = parseWrite(body);
  const results = await located(write, () => chronicle.record(write.inputs, write.options));
  const last = results.reduce((a, b) => (b.position > a.position ? b : a));
  const retried = results.every((r) => r.duplicates > 0);
  return { status: retried ? 200 : 201, body: { position: last.position, streamVersion: last.streamVersion } };
}

/** `?dryRun=true`: the body checked exactly as `recordWrite` would, and what it would change; nothing written. */
export async function previewWrite(chronicle: Chronicle, body: unknown): Promise<Preview> {
  const write = parseWrite(body);
  const preview = await located(write, () => chronicle.preview(write.inputs, write.options));
  return { ...preview, warnings: preview.warnings.map((w) => ({ ...w, path: write.locate(w.path) })) };
}

/** Names each refused field where it sits in this body. */
async function located<T>({ locate, batch }: Write, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof InvalidEventError)
      throw new InvalidEventError(
        err.issues.map((i) => ({ ...i, path: locate(i.path) })),
        batch ? err.index : undefined,
      );
    throw err;
  }
}

/** The `dryRun` query parameter of POST /api/events. */
export const WriteQuery = z.strictObject({
  dryRun: z
    .enum(["true", "false"], { error: `must be "true" or "false"` })
    .optional()
    .describe("true: validate exactly as a real append and return { dryRun, changes, warnings }; nothing is written"),
});
