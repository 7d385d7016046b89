import { randomBytes } from "node:crypto";
import pg from "pg";

/** Where the bench may create a database of its own: PARLEY_BENCH_PG_URL, else the machine's server. */
export const BENCH_PG_URL = process.env.PARLEY_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one run (Parley's store and Emmett's side by side, as each would be
 * deployed), dropped afterwards; `undefined` with the reason when the server cannot be used.
 */
export async function withBenchDatabase<T>(use: (url: string) => Promise<T>): Promise<{ result: T } | { skipped: string }> {
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  try {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    return { skipped: `no PostgreSQL to measure on at ${BENCH_PG_URL} (${error instanceof Error ? error.message : String(error)}); set PARLEY_BENCH_PG_URL` };
  }
  try {
    const url = new URL(BENCH_PG_URL);
    url.pathname = `/${name}`;
    return { result: await use(url.toString()) };
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
