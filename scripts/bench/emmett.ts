import { appendToStream, createEventStoreSchema, readMessagesBatch, sqliteConnection, type SQLiteConnection } from "@event-driven-io/emmett-sqlite";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { StoredEvent } from "../../events/envelope.ts";
import { PeerFold, sameEvents, streamType, toPeer, type PeerEvent } from "./peer-events.ts";
import { perSecond, timedAsync } from "./stats.ts";

export interface PeerFigures {
  name: string;
  version: string;
  /** The first this many of the same events. */
  events: number;
  appendBatchEventsPerSec: number;
  rebuildEventsPerSec: number;
  synchronous: string;
}

/** The installed version: its package.json is not exported, so it is found beside the entry point. */
function version(): string {
  const entry = createRequire(import.meta.url).resolve("@event-driven-io/emmett-sqlite");
  return JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")).version;
}

/**
 * A 1,000-event batch for Emmett: it appends one stream per call, so the batch's streams
 * go in one after another inside one transaction of its own connection — one durable
 * commit per batch, as Parley's store gets.
 */
async function appendBatch(connection: SQLiteConnection, events: StoredEvent[]): Promise<void> {
  const groups = new Map<string, PeerEvent[]>();
  for (const e of events) (groups.get(e.stream) ?? groups.set(e.stream, []).get(e.stream)!).push(toPeer(e));
  await connection.withTransaction(async () => {
    for (const [stream, list] of groups) {
      await appendToStream(connection, stream, streamType(stream), list);
    }
  });
}

/**
 * Emmett's best path for a rebuild: its global read in position order (readMessagesBatch,
 * 10,000 at a time), folded into each negotiation's state, rather than one query per stream.
 */
async function rebuild(connection: SQLiteConnection): Promise<number> {
  const fold = new PeerFold();
  for (let after = 0n, more = true; more;) {
    const batch = await readMessagesBatch<PeerEvent>(connection, { after, batchSize: 10_000 });
    for (const e of batch.messages) fold.add(e.metadata.streamName, e.type, e.data, e.metadata.globalPosition);
    more = batch.areEventsLeft && batch.messages.length > 0;
    if (batch.messages.length > 0) after = batch.messages[batch.messages.length - 1]!.metadata.globalPosition;
  }
  return fold.count;
}

/**
 * Emmett, the peer, on the same events, same machine, same run. getSQLiteEventStore opens
 * and closes the database file on every call; to give Emmett its best showing, the bench
 * drives the functions that store is made of (appendToStream, readMessagesBatch) over one
 * connection of Emmett's own.
 */
export async function measurePeer(dir: string, parleyPath: string, limit: number): Promise<PeerFigures> {
  const connection = sqliteConnection({ fileName: `${dir}/emmett.db` });
  await createEventStoreSchema(connection);
  let appended = 0;
  let appendMs = 0;
  for await (const batch of sameEvents(parleyPath, limit)) {
    appendMs += (await timedAsync(() => appendBatch(connection, batch)))[1];
    appended += batch.length;
  }
  const [folded, rebuildMs] = await timedAsync(() => rebuild(connection));
  if (folded !== appended) throw new Error(`Emmett gave back ${folded} of ${appended} events`);
  const synchronous = await connection.querySingle<{ synchronous: number }>("PRAGMA synchronous");
  connection.close();
  return {
    name: "@event-driven-io/emmett-sqlite",
    version: version(),
    events: appended,
    appendBatchEventsPerSec: perSecond(appended, appendMs),
    rebuildEventsPerSec: perSecond(folded, rebuildMs),
    synchronous: ["OFF", "NORMAL", "FULL", "EXTRA"][synchronous?.synchronous ?? -1] ?? "unknown",
  };
}
