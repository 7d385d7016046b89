import Database from "better-sqlite3";
import { parseEvents, type PendingEvent } from "../../events/envelope.ts";
import type { StreamBatch } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { perSecond, timed, timedAsync } from "./stats.ts";
import { syntheticHistory } from "./synthetic-history.ts";

export interface AppendFigures {
  parseOnlyEventsPerSec: number;
  appendBatchEventsPerSec: number;
  /** The same bodies inserted by plain better-sqlite3, in the same run: what the batch append stands on. */
  rawInsertEventsPerSec: number;
  appendSingleEventsPerSec: number;
  appendSingleSequentialEventsPerSec: number;
  singleWriters: number;
  eventBytes: number;
  streams: number;
}

/** Writers appending one event per call at once: their appends share commits, each acknowledged once durable. */
const WRITERS = 32;

export const byStream = (events: readonly PendingEvent[]): StreamBatch[] => {
  const groups = new Map<string, PendingEvent[]>();
  for (const e of events) (groups.get(e.stream) ?? groups.set(e.stream, []).get(e.stream)!).push(e);
  return [...groups].map(([stream, list]) => ({ stream, events: list, expected: "any" }));
};

/**
 * The generated events must be what a writer could record: the first two thousand and
 * every hundredth after them go through the same validation as `parley append`.
 */
function checkValid(batch: readonly PendingEvent[], offset: number): void {
  const sample = batch.filter((_, i) => offset + i < 2000 || (offset + i) % 100 === 0);
  parseEvents(sample.map(({ stream: _, ...input }) => input));
}

/**
 * Loads the first `count` events of an `events`-event history into a fresh store in
 * 1,000-event batches (one durable transaction each).
 */
export async function appendBatches(path: string, events: number, count = events): Promise<number> {
  const store = new SqliteEventStore(path);
  let ms = 0;
  let offset = 0;
  for (const batch of syntheticHistory(events)) {
    if (offset >= count) break;
    checkValid(batch, offset);
    offset += batch.length;
    ms += (await timedAsync(() => store.appendMany(byStream(batch))))[1];
  }
  await store.close();
  return perSecond(offset, ms);
}

/**
 * The reference the batch append is judged against, measured in the same run: the bodies
 * the store holds, read back (untimed) and inserted by plain better-sqlite3 in 1,000-row
 * transactions into a WAL table with no secondary index, synchronous=FULL as the store has.
 */
function rawInsert(from: string, into: string): number {
  const source = new Database(from, { readonly: true });
  const page = source.prepare("SELECT position, body FROM events WHERE position > ? ORDER BY position LIMIT 1000").raw();
  const db = new Database(into);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE events (position INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO events (position, body) VALUES (?, ?)");
  const commit = db.transaction((rows: [number, string][]) => {
    for (const [position, body] of rows) insert.run(position, body);
  });
  let ms = 0;
  let count = 0;
  for (let rows = page.all(0) as [number, string][]; rows.length > 0; rows = page.all(rows[rows.length - 1]![0]) as [number, string][]) {
    ms += timed(() => commit(rows))[1];
    count += rows.length;
  }
  db.close();
  source.close();
  return perSecond(count, ms);
}

/** One event per call from `writers` concurrent writers, into a fresh store. */
async function appendSingles(path: string, count: number, writers: number): Promise<number> {
  const store = new SqliteEventStore(path);
  const events = [...syntheticHistory(count)].flat();
  let next = 0;
  const writer = async () => {
    while (next < events.length) {
      const e = events[next++]!;
      await store.append(e.stream, [e], "any");
    }
  };
  const [, ms] = await timedAsync(() => Promise.all(Array.from({ length: writers }, writer)));
  await store.close();
  return perSecond(events.length, ms);
}

/**
 * The machine's pace today: JSON.parse alone over the stored bodies, 10,000 at a time (the
 * reads are not timed). No rebuild can beat it; the targets assume ~750,000/s.
 */
function parseOnly(path: string): number {
  const db = new Database(path, { readonly: true });
  const page = db.prepare("SELECT position, body FROM events WHERE position > ? ORDER BY position LIMIT 10000").raw();
  let ms = 0;
  let count = 0;
  for (let rows = page.all(0) as [number, string][]; rows.length > 0; rows = page.all(rows[rows.length - 1]![0]) as [number, string][]) {
    ms += timed(() => rows.forEach((r) => JSON.parse(r[1])))[1];
    count += rows.length;
  }
  db.close();
  return perSecond(count, ms);
}

function sizeOf(path: string): { eventBytes: number; streams: number } {
  const db = new Database(path, { readonly: true });
  const row = db.prepare("SELECT avg(length(body)) AS bytes, count(DISTINCT stream) AS streams FROM events").get() as { bytes: number; streams: number };
  db.close();
  return { eventBytes: Math.round(row.bytes), streams: row.streams };
}

export async function measureAppends(dir: string, events: number): Promise<AppendFigures> {
  const appendBatchEventsPerSec = await appendBatches(`${dir}/parley.db`, events);
  const singles = Math.min(events, 20_000);
  return {
    appendBatchEventsPerSec,
    rawInsertEventsPerSec: rawInsert(`${dir}/parley.db`, `${dir}/raw.db`),
    appendSingleEventsPerSec: await appendSingles(`${dir}/single.db`, singles, WRITERS),
    appendSingleSequentialEventsPerSec: await appendSingles(`${dir}/sequential.db`, Math.min(events, 2_000), 1),
    singleWriters: WRITERS,
    parseOnlyEventsPerSec: parseOnly(`${dir}/parley.db`),
    ...sizeOf(`${dir}/parley.db`),
  };
}
