import Database from "better-sqlite3";
import { envelopeOf, type PendingEvent } from "../../events/envelope.ts";
import { GENESIS, linkHash } from "../../src/store/chain.ts";

/**
 * Store files as earlier Parleys wrote them, written here with their own DDL and row
 * encoding (copied from the code that wrote them), so that upgrading them is tested
 * against the real thing rather than against a file this Parley made and then edited.
 */

/** The events table of store schemas 0 and 1 (schema 1 added `hash`): two UNIQUE indexes beside the rowid. */
const EVENTS = (hash: boolean) => `
CREATE TABLE events (
  position       INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  stream         TEXT NOT NULL,
  stream_version INTEGER NOT NULL,
  type           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  valid_from     TEXT NOT NULL,
  reported_at    TEXT,
  recorded_at    TEXT NOT NULL,
  body           TEXT NOT NULL,${hash ? "\n  hash           TEXT," : ""}
  UNIQUE (stream, stream_version)
);
`;

const SCHEMA_1 = `${EVENTS(true)}
CREATE TABLE parley_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA application_id = ${0x50524c59}; PRAGMA user_version = 1;`;

/** What those Parleys stored as a row's body: the envelope in writer order, a repaired quote equal to the quote left out. */
function oldBody(e: PendingEvent, stream: string): string {
  const sources = e.sources.map((s) => {
    const { quoteClean, ...rest } = s;
    return quoteClean !== s.quote ? s : rest;
  });
  return JSON.stringify({ ...envelopeOf(e), stream, sources });
}

export interface OldRow {
  position: number;
  id: string;
  stream: string;
  streamVersion: number;
  recordedAt: string;
  body: string;
  hash: string | null;
}

/**
 * A store file at `path` as schema 1 (the hash chain) or schema 0 (before it) left it,
 * holding `events` in order, each in its own stream's next version; returns its rows.
 */
export function writeOldStore(path: string, schema: 0 | 1, events: PendingEvent[]): OldRow[] {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.exec(schema === 1 ? SCHEMA_1 : EVENTS(false));
  const insert = db.prepare(
    `INSERT INTO events (position, id, stream, stream_version, type, schema_version, valid_from, reported_at, recorded_at, body${schema === 1 ? ", hash" : ""}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?${schema === 1 ? ", ?" : ""})`,
  );
  const versions = new Map<string, number>();
  const rows: OldRow[] = [];
  let previous = GENESIS;
  db.transaction(() => {
    events.forEach((e, i) => {
      const position = i + 1;
      const streamVersion = (versions.get(e.stream) ?? -1) + 1;
      versions.set(e.stream, streamVersion);
      const recordedAt = e.recordedAt ?? new Date(Date.UTC(2025, 11, 1) + i * 1000).toISOString();
      previous = linkHash(previous, { ...e, position, streamVersion, recordedAt });
      const hash = schema === 1 ? previous : null;
      const body = oldBody(e, e.stream);
      const values = [position, e.id, e.stream, streamVersion, e.type, e.schemaVersion, e.occurredAt.from, e.reportedAt, recordedAt, body];
      insert.run(...values, ...(schema === 1 ? [hash] : []));
      rows.push({ position, id: e.id, stream: e.stream, streamVersion, recordedAt, body, hash });
    });
  })();
  db.close();
  return rows;
}

/** Every row of a store file as it now stands, straight from SQLite. */
export function rowsOf(path: string): OldRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], OldRow>("SELECT position, id, stream, stream_version AS streamVersion, recorded_at AS recordedAt, body, hash FROM events ORDER BY position").all();
  } finally {
    db.close();
  }
}
