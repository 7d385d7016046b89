import type pg from "pg";

/** The table of one record, and the names derived from its schema. */
export interface Tables {
  schema: string;
  /** `"schema".events`, ready to splice into SQL. */
  events: string;
  /** The channel appends announce themselves on, one per record. */
  channel: string;
}

export function tablesOf(schema: string): Tables {
  return { schema, events: `"${schema}".events`, channel: `parley_${schema}` };
}

/**
 * Events keep their envelope and payload as JSON text, as SQLite did through its schema 1,
 * so one reader (sqlite-rows.ts) serves both. Positions are assigned under the writer lock
 * (see append.ts), so they have no gaps; the unique (stream, stream_version) constraint is
 * the version check any writer, Parley or not, cannot get past.
 */
const ddl = ({ schema, events }: Tables) => `
CREATE SCHEMA IF NOT EXISTS "${schema}";
CREATE TABLE IF NOT EXISTS ${events} (
  position       bigint PRIMARY KEY,
  id             text NOT NULL,
  stream         text NOT NULL,
  stream_version integer NOT NULL,
  type           text NOT NULL,
  schema_version integer NOT NULL,
  valid_from     text NOT NULL,
  reported_at    text,
  recorded_at    text NOT NULL,
  body           text NOT NULL,
  CONSTRAINT events_id UNIQUE (id),
  CONSTRAINT events_stream_version UNIQUE (stream, stream_version)
);`;

/** The constraint whose violation means another writer took the stream's next version. */
export const STREAM_VERSION_CONSTRAINT = "events_stream_version";

/** Two servers starting on an empty database at once must not both create the table: a lock orders them. */
export async function createTables(pool: pg.Pool, tables: Tables): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`parley schema ${tables.schema}`]);
    await client.query(ddl(tables));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
