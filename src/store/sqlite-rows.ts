import { definitionOf, upcast } from "../../events/catalogue.ts";
import { envelopeOf, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import type { Source } from "../../events/source.ts";
import type { ValidTime } from "../../events/valid-time.ts";
import type { Link } from "./chain.ts";

/** position, stream_version, recorded_at, body: read as arrays, which is faster than row objects. */
export type Row = [number, number, string, string];

/**
 * A repaired quote that equals the original (the usual case) is restored on read rather than stored twice.
 * Every other field is kept as it is: naming them would drop any a source gains (a sourceId, a selector).
 */
function compact(s: Source): Omit<Source, "quoteClean"> | Source {
  const { quoteClean, ...rest } = s;
  return quoteClean !== s.quote ? s : rest;
}

/**
 * A PostgreSQL body (and a SQLite one through schema 1): the envelope and payload in writer
 * order; position and versions live in columns. SQLite now stores the chain's canonical bytes.
 */
export function toBody(e: PendingEvent, stream: string): string {
  const sources = e.sources.map(compact);
  return JSON.stringify({ ...envelopeOf(e), stream, sources });
}

/**
 * Reports repeat themselves: the same days, streams, outlets and headlines recur across
 * thousands of events. Reading them through one table keeps a single copy of each, which
 * at a million events is a third of the memory the events take.
 */
export class Strings {
  private readonly seen = new Map<string, string>();
  private readonly times = new Map<string, ValidTime>();

  get(text: string): string {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    this.seen.set(text, text);
    return text;
  }

  /**
   * One frozen object per distinct valid time: most events of a negotiation share a day with
   * others, so this saves an object per event and lets the renderer's work on a date be shared.
   * Only the usual three-field form is shared, so a valid time written with other fields keeps them.
   */
  validTime(vt: ValidTime): ValidTime {
    let n = 0;
    for (const _ in vt) n++;
    if (n !== 3) return vt;
    const key = vt.precision + vt.from + vt.to;
    const known = this.times.get(key);
    if (known !== undefined) return known;
    const shared = Object.freeze({ precision: vt.precision, from: this.get(vt.from), to: this.get(vt.to) });
    this.times.set(key, shared);
    return shared;
  }

  /** A payload's short values (parties, issues, names, places, ids of plans and meetings), one level of nesting deep. */
  shortValues(record: Record<string, unknown>, depth = 1): void {
    for (const key in record) {
      const value = record[key];
      if (typeof value === "string") {
        if (value.length <= SHORT) record[key] = this.get(value);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (typeof item === "string" && item.length <= SHORT) value[i] = this.get(item);
          else if (depth > 0 && typeof item === "object" && item !== null) this.shortValues(item, depth - 1);
        }
      }
    }
  }
}

/** Long texts (summaries, quotes) rarely repeat; looking them up would cost more than it saves. */
const SHORT = 40;

/**
 * Stored events were validated when appended: reading one only parses it, lifts an older
 * payload to the current schema, and completes it from its columns, in place (a body that
 * is canonical bytes holds position, version and recorded time too: the columns win).
 */
export function fromRow([position, streamVersion, recordedAt, body]: Row, strings: Strings): StoredEvent {
  const event = JSON.parse(body);
  const def = definitionOf(event.type);
  if (event.schemaVersion !== def?.version) {
    const lifted = upcast(event.type, event.schemaVersion, event.data);
    event.schemaVersion = lifted.version;
    event.data = lifted.data;
  }
  event.type = def!.type;
  event.stream = strings.get(event.stream);
  strings.shortValues(event.data);
  event.occurredAt = strings.validTime(event.occurredAt);
  if (event.reportedAt !== null) event.reportedAt = strings.get(event.reportedAt);
  for (const source of event.sources) {
    source.quoteClean ??= source.quote;
    if (source.outlet) source.outlet = strings.get(source.outlet);
    if (source.title) source.title = strings.get(source.title);
    if (source.publishedAt) source.publishedAt = strings.get(source.publishedAt);
  }
  event.position = position;
  event.streamVersion = streamVersion;
  event.recordedAt = strings.get(recordedAt);
  return event;
}

/** position, stream_version, recorded_at, body, hash: a stored event as written, for the hash chain. */
export type LinkRow = [number, number, string, string, string | null];

/** The event exactly as its row holds it (no upcasting: the hash covers what was written). */
export function linkOf([position, streamVersion, recordedAt, body, hash]: LinkRow): Link {
  return { event: { ...JSON.parse(body), position, streamVersion, recordedAt }, hash };
}
