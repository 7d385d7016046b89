/**
 * Emmett's PostgreSQL event store, the peer of Parley's PostgreSQL store, on the first
 * events of the same history. It lives in a package of its own (see package.json here):
 * loaded only by the bench's `peer-postgres` phase, when that package is installed.
 */
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PeerFold, sameEvents, toPeer, type PeerEvent } from "../peer-events.ts";
import type { PostgresPeerFigures } from "../report.ts";
import { perSecond, timedAsync } from "../stats.ts";

function version(): string {
  const entry = createRequire(import.meta.url).resolve("@event-driven-io/emmett-postgresql");
  return JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")).version;
}

/**
 * Each 1,000-event batch goes in stream by stream, one appendToStream (one transaction) per
 * stream: Emmett's store has no append across streams. The rebuild reads each stream and
 * folds it with Parley's reducers, as the SQLite peer does.
 */
export async function measure(parleyPath: string, database: string, limit: number): Promise<PostgresPeerFigures> {
  const store = getPostgreSQLEventStore(database);
  const streams = new Set<string>();
  let appended = 0;
  let appendMs = 0;
  try {
    for await (const batch of sameEvents(parleyPath, limit)) {
      const groups = new Map<string, PeerEvent[]>();
      for (const e of batch) (groups.get(e.stream) ?? groups.set(e.stream, []).get(e.stream)!).push(toPeer(e));
      appendMs += (
        await timedAsync(async () => {
          for (const [stream, list] of groups) await store.appendToStream(stream, list);
        })
      )[1];
      for (const stream of groups.keys()) streams.add(stream);
      appended += batch.length;
    }
    const [folded, rebuildMs] = await timedAsync(async () => {
      const fold = new PeerFold();
      for (const stream of streams) {
        const { events } = await store.readStream<PeerEvent>(stream);
        for (const e of events) fold.add(stream, e.type, e.data, e.metadata.globalPosition);
      }
      return fold.count;
    });
    if (folded !== appended) throw new Error(`Emmett gave back ${folded} of ${appended} events`);
    return {
      name: "@event-driven-io/emmett-postgresql",
      version: version(),
      events: appended,
      appendBatchEventsPerSec: perSecond(appended, appendMs),
      rebuildEventsPerSec: perSecond(folded, rebuildMs),
    };
  } finally {
    await store.close();
  }
}
