import { isSystemStream, jsonEvent, streamNameFilter, type Filter, type JSONEventData, type JSONEventType } from "@eventstore/db-client";
import { z } from "zod";
import { eventTypes, upcast } from "../../../events/catalogue.ts";
import { envelopeOf, type PendingEvent, type StoredEvent } from "../../../events/envelope.ts";
import { describeIssues, issuesOf } from "../../../events/issues.ts";
import { Source } from "../../../events/source.ts";
import { ValidTime } from "../../../events/valid-time.ts";
import { toSafeNumber } from "./revision.ts";

/**
 * How a Parley event sits in EventStoreDB: the event's id, type and stream are
 * EventStoreDB's own (so its per-stream idempotency and type filters work on them), the
 * payload is the JSON data, and the rest of the envelope travels in the JSON metadata.
 * `recordedAt` is Parley's transaction time, set by the writer like the local stores do;
 * the server's `created` stamp is not used, so both backends answer "known at" alike.
 */
const ParleyMetadata = z.strictObject({
  schemaVersion: z.number().int().positive(),
  occurredAt: ValidTime,
  reportedAt: z.string().nullable(),
  // Declarations may carry no source; the writer-side rule that developments need one was checked when they were written.
  sources: z.array(Source),
  recordedAt: z.iso.datetime(),
});
type ParleyMetadata = z.infer<typeof ParleyMetadata>;

export type ParleyEventType = JSONEventType<string, Record<string, unknown>, ParleyMetadata>;

export function toEventData(event: PendingEvent, recordedAt: string): JSONEventData<ParleyEventType> {
  // EventStoreDB holds the id, type and stream itself, and the payload as the event's data; the rest of the envelope rides in its metadata.
  const { id, type, stream: _stream, data, ...envelope } = envelopeOf(event);
  return jsonEvent<ParleyEventType>({ id, type, data: data, metadata: { ...envelope, recordedAt } });
}

/** The fields of a recorded event that Parley reads; `$all` and stream reads both give them. */
export interface RecordedFields {
  id: string;
  type: string;
  streamId: string;
  revision: bigint;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
}

/** Whether a record carries Parley's envelope in its metadata; another application's event in a Parley stream does not. */
export function hasParleyEnvelope(record: Pick<RecordedFields, "isJson" | "metadata">): boolean {
  return record.isJson && ParleyMetadata.safeParse(record.metadata).success;
}

/** Rebuilds the stored envelope; the position comes from `$all`, which alone orders events globally. */
export function fromRecorded(record: RecordedFields, stream: string, position: number): StoredEvent {
  const meta = ParleyMetadata.safeParse(record.isJson ? record.metadata : undefined);
  if (!meta.success)
    throw new Error(
      `event ${record.id} (${record.type}) in '${record.streamId}' carries no Parley envelope in its metadata: ${describeIssues(issuesOf(meta.error, { whole: "(metadata)" }))}`,
    );
  const { schemaVersion, occurredAt, reportedAt, sources, recordedAt } = meta.data;
  const lifted = upcast(record.type, schemaVersion, record.data);
  return {
    id: record.id,
    type: record.type,
    schemaVersion: lifted.version,
    stream,
    occurredAt,
    reportedAt,
    sources,
    data: lifted.data,
    position,
    streamVersion: toSafeNumber(record.revision),
    recordedAt,
  } as StoredEvent;
}

const parleyTypes = new Set<string>(eventTypes);

/** The namespace a store uses unless told otherwise: never empty, so Parley never claims another application's streams. */
export const DEFAULT_NAMESPACE = "parley";

/**
 * Maps Parley stream names to EventStoreDB ones: every stream gets the prefix
 * `NAMESPACE/`, and only those streams are Parley's, so several records (and other
 * applications) can share one database. A namespace is never empty and holds no `/`,
 * so namespace `a` never claims `a/b/…`. System streams (`$…`) and types outside the
 * catalogue are never Parley's.
 */
export class StreamNames {
  private readonly prefix: string;

  constructor(readonly namespace = DEFAULT_NAMESPACE) {
    if (!namespace) throw new Error("the EventStoreDB namespace must not be empty: Parley would claim every stream in the database");
    if (namespace.startsWith("$")) throw new Error(`namespace '${namespace}' would put Parley's streams among the system streams`);
    if (namespace.includes("/")) throw new Error(`namespace '${namespace}' must not contain '/': namespace '${namespace.split("/")[0]}' would then claim its streams`);
    this.prefix = `${namespace}/`;
  }

  toEsdb(stream: string): string {
    return this.prefix + stream;
  }

  /** The Parley stream of a recorded event, or undefined when the event is not Parley's. */
  parleyStream(streamId: string, type: string): string | undefined {
    if (isSystemStream(streamId) || !parleyTypes.has(type) || !streamId.startsWith(this.prefix)) return undefined;
    return streamId.slice(this.prefix.length);
  }

  /** The server-side filter for catch-up subscriptions: this namespace's streams only. */
  subscriptionFilter(): Filter {
    return streamNameFilter({ prefixes: [this.prefix] });
  }
}
