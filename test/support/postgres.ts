import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server the PostgreSQL tests use: PARLEY_TEST_PG_URL, else the machine's own (trust auth, database `test`). */
export const PG_URL = process.env.PARLEY_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

/** Fails, saying how to start it, when the server does not answer: these tests never skip. */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${PG_URL} does not answer (${error instanceof Error ? error.message : String(error)}). ` +
        `Start the machine's server with \`${START}\`, or point PARLEY_TEST_PG_URL at another one.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs SQL as the test harness, outside any Parley store. */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A PARLEY_STORE locator for `schema` on the test server. */
export function locatorFor(schema: string, url = PG_URL): string {
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** Schemas made for one test file, each with a name of its own; `dropAll` removes them after the run. */
export class Schemas {
  private readonly made: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A name no other run uses; the store creates the schema when it first opens it. */
  fresh(): string {
    const schema = `${this.prefix}_${randomBytes(6).toString("hex")}`;
    this.made.push(schema);
    return schema;
  }

  async dropAll(): Promise<void> {
    for (const schema of this.made.splice(0)) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}
