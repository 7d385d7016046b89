import type Database from "better-sqlite3";
import { GENESIS, linkHash } from "./chain.ts";
import { PARLEY_APPLICATION_ID, SCHEMA_VERSION, type FileKind } from "./sqlite-file.ts";
import { linkOf } from "./sqlite-rows.ts";

/**
 * Schema 2: the rowid B-tree and nothing else. An index beside it would take each appended
 * event's entry at a random place (a random id, one of many streams), and rewrite a page
 * of it per event at every commit; the store checks ids and stream versions in memory
 * instead (log-index.ts). The columns are what the store reads without parsing a body:
 * id and stream to build that index, and what the body does not hold.
 */
const EVENTS = (table: string) => `
CREATE TABLE ${table} (
  position       INTEGER PRIMARY KEY,
  id             TEXT NOT NULL,
  stream         TEXT NOT NULL,
  stream_version INTEGER NOT NULL,
  recorded_at    TEXT NOT NULL,
  body           TEXT NOT NULL,
  hash           TEXT
);
`;

/** Where the chain begins to prove anything: events chained on upgrade prove only that they have not changed since. */
const META = `
CREATE TABLE parley_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const STAMP = `PRAGMA application_id = ${PARLEY_APPLICATION_ID}; PRAGMA user_version = ${SCHEMA_VERSION};`;

/** Lays out a new file, or brings one an older Parley wrote to this layout; does nothing to a current one. */
export function prepareLayout(db: Database.Database, kind: FileKind): void {
  if (kind === "current") return;
  db.transaction(() => {
    // Another process may have done it since the file was classified.
    if (db.pragma("user_version", { simple: true }) === SCHEMA_VERSION) return;
    if (kind === "empty") db.exec(EVENTS("events") + META);
    else upgrade(db, kind);
    db.exec(STAMP);
  }).immediate();
}

/**
 * Copies every event into a table of this layout, at the same position with the same bytes,
 * and drops the old table with its indexes (SQLite cannot drop a UNIQUE constraint in place).
 * A store from before the chain gets each event's link on the way, and remembers through
 * which position (and when) that happened.
 */
function upgrade(db: Database.Database, kind: "schema 1" | "unchained"): void {
  db.exec(EVENTS("events_2"));
  if (kind === "schema 1") {
    db.exec("INSERT INTO events_2 SELECT position, id, stream, stream_version, recorded_at, body, hash FROM events ORDER BY position");
  } else {
    db.exec(META);
    const through = chainInto(db, "events_2");
    const remember = db.prepare("INSERT INTO parley_meta (key, value) VALUES (?, ?)");
    remember.run("chained_on_upgrade_through", String(through));
    remember.run("chained_on_upgrade_at", new Date().toISOString());
  }
  db.exec("DROP TABLE events; ALTER TABLE events_2 RENAME TO events;");
}

/** The unchained events copied into `table` with their links, in log order; returns the last position. */
function chainInto(db: Database.Database, table: string): number {
  const rows = db
    .prepare<[number], [number, number, string, string, string, string]>(
      "SELECT position, stream_version, recorded_at, body, id, stream FROM events WHERE position > ? ORDER BY position LIMIT 5000",
    )
    .raw();
  const insert = db.prepare(`INSERT INTO ${table} (position, id, stream, stream_version, recorded_at, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  let previous = GENESIS;
  let through = 0;
  for (let batch = rows.all(0); batch.length > 0; batch = rows.all(through)) {
    for (const [position, streamVersion, recordedAt, body, id, stream] of batch) {
      previous = linkHash(previous, linkOf([position, streamVersion, recordedAt, body, null]).event);
      insert.run(position, id, stream, streamVersion, recordedAt, body, previous);
      through = position;
    }
  }
  return through;
}
