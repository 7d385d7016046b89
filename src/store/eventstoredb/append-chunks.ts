import type { JSONEventData } from "@eventstore/db-client";

/**
 * The most payload (data + metadata, as JSON bytes) one append carries. The server refuses
 * a transaction over its MaxAppendSize, 1 MiB by default; half of it leaves room for the
 * server's own accounting and for a server configured a little lower.
 */
export const APPEND_BUDGET = 512 * 1024;

/** An event's payload as the client sends it: its data and metadata as JSON, in UTF-8 bytes. */
export function payloadBytes(event: JSONEventData): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + (event.metadata === undefined ? 0 : Buffer.byteLength(JSON.stringify(event.metadata)));
}

/** Splits events, in order, into runs of at most `budget` payload bytes; an event bigger than that goes alone. */
export function chunksBySize<E extends JSONEventData>(events: E[], budget = APPEND_BUDGET): E[][] {
  const chunks: E[][] = [];
  let current: E[] = [];
  let size = 0;
  for (const event of events) {
    const bytes = payloadBytes(event);
    if (current.length > 0 && size + bytes > budget) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(event);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
