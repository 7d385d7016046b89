import { Chronicle } from "../../src/engine/chronicle.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { appendBatches } from "./parley-append.ts";
import { perSecond, timedAsync } from "./stats.ts";

export interface PeerSizeFigures {
  events: number;
  appendBatchEventsPerSec: number;
  rebuildEventsPerSec: number;
}

/** Parley on exactly the events the peer gets (the history's first `count`), in a fresh store: like with like. */
export async function measureAtPeerSize(dir: string, events: number, count: number): Promise<PeerSizeFigures> {
  const path = `${dir}/parley-peer-size.db`;
  const appendBatchEventsPerSec = await appendBatches(path, events, count);
  const store = new SqliteEventStore(path);
  const [chronicle, ms] = await timedAsync(() => Chronicle.open(store));
  const stored = await store.headPosition();
  await chronicle.close();
  await store.close();
  return { events: stored, appendBatchEventsPerSec, rebuildEventsPerSec: perSecond(stored, ms) };
}
