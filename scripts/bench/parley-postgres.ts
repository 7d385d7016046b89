import type { PendingEvent, StoredEvent } from "../../events/envelope.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { byStream } from "./parley-append.ts";
import { ask, latencies } from "./parley-engine.ts";
import { sameEvents } from "./peer-events.ts";
import { questions } from "./questions.ts";
import { percentile, perSecond, round2, timedAsync } from "./stats.ts";

export interface PostgresFigures {
  events: number;
  appendBatchEventsPerSec: number;
  appendSingleEventsPerSec: number;
  singleEvents: number;
  singleWriters: number;
  rebuildEventsPerSec: number;
  stateAtP50Ms: number;
  stateAtP99Ms: number;
}

/** Writers appending one event per call at once, as for SQLite; each append is its own commit under the writer lock. */
const WRITERS = 32;

/** A stored event as a writer sends it again: the new store gives it its own position and transaction time. */
const resent = ({ position: _p, streamVersion: _v, recordedAt: _r, ...event }: StoredEvent): PendingEvent => event;

const locator = (database: string, schema: string) => {
  const url = new URL(database);
  url.searchParams.set("schema", schema);
  return url.toString();
};

/** The events Parley's SQLite store holds, into a fresh schema in 1,000-event batches (one transaction each). */
async function appendBatches(store: PostgresEventStore, parleyPath: string, events: number): Promise<number> {
  let ms = 0;
  for await (const batch of sameEvents(parleyPath, events)) ms += (await timedAsync(() => store.appendMany(byStream(batch.map(resent)))))[1];
  return perSecond(events, ms);
}

async function appendSingles(store: PostgresEventStore, parleyPath: string, count: number): Promise<number> {
  const events: PendingEvent[] = [];
  for await (const batch of sameEvents(parleyPath, count)) events.push(...batch.map(resent));
  let next = 0;
  const writer = async () => {
    while (next < events.length) {
      const e = events[next++]!;
      await store.append(e.stream, [e], "any");
    }
  };
  const [, ms] = await timedAsync(() => Promise.all(Array.from({ length: WRITERS }, writer)));
  return perSecond(events.length, ms);
}

/**
 * Parley on PostgreSQL, on the same events as the SQLite figures: the batch load, single
 * appends from concurrent writers, a rebuild of the engine from the server, and stateAt on it.
 */
export async function measurePostgres(parleyPath: string, database: string, events: number, questionCount: number): Promise<PostgresFigures> {
  const store = await PostgresEventStore.connect(locator(database, "parley"));
  const appendBatchEventsPerSec = await appendBatches(store, parleyPath, events);
  const singleEvents = Math.min(events, 5_000);
  const singles = await PostgresEventStore.connect(locator(database, "parley_singles"));
  const appendSingleEventsPerSec = await appendSingles(singles, parleyPath, singleEvents);
  await singles.close();

  const [chronicle, rebuildMs] = await timedAsync(() => Chronicle.open(store, { follow: false }));
  if (chronicle.events.length !== events) throw new Error(`the PostgreSQL store gave back ${chronicle.events.length} of ${events} events`);
  for (const q of questions(events, 200, 2)) ask(chronicle, q, true);
  const qs = questions(events, questionCount, 3);
  const stateAt = latencies(qs, (q) => ask(chronicle, q, false));
  await chronicle.close();
  await store.close();
  return {
    events,
    appendBatchEventsPerSec,
    appendSingleEventsPerSec,
    singleEvents,
    singleWriters: WRITERS,
    rebuildEventsPerSec: perSecond(events, rebuildMs),
    stateAtP50Ms: round2(percentile(stateAt, 50)),
    stateAtP99Ms: round2(percentile(stateAt, 99)),
  };
}
