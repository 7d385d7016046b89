import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.ts";
import { VersionConflictError, type EventStore } from "../../src/store/port.ts";
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { describeStoreContract } from "../support/store-contract.ts";
import { pending } from "../support/events.ts";
import { PG_URL, Schemas, locatorFor, requirePostgres, sql } from "../support/postgres.ts";

const schemas = new Schemas("parley_contract");
beforeAll(requirePostgres);
afterAll(() => schemas.dropAll());

describeStoreContract("postgres", {
  create: () => PostgresEventStore.connect(locatorFor(schemas.fresh())),
  reopen: async (store: EventStore) => {
    const { schema } = (store as PostgresEventStore).location;
    await store.close();
    return PostgresEventStore.connect(locatorFor(schema));
  },
});

describe("PostgreSQL store beyond the contract", () => {
  it("is what PARLEY_STORE=postgres://… and postgresql://… open, in the schema the URL names", async () => {
    for (const scheme of ["postgres:", "postgresql:"]) {
      const schema = schemas.fresh();
      const url = new URL(locatorFor(schema));
      url.protocol = scheme;
      const store = await openStore(url.toString());
      try {
        expect(store).toBeInstanceOf(PostgresEventStore);
        await store.append("s", [pending("s", 1)], "no_stream");
        expect(await sql(`SELECT count(*)::int AS n FROM "${schema}".events`)).toEqual([{ n: 1 }]);
      } finally {
        await store.close();
      }
    }
  });

  it("refuses a schema that is not a plain identifier, naming it", async () => {
    await expect(openStore(locatorFor("x; DROP TABLE y"))).rejects.toThrow(/schema 'x; DROP TABLE y' is not a plain/);
  });

  it("says which server it cannot reach, without its password", async () => {
    const err = await PostgresEventStore.connect("postgres://parley:secret@127.0.0.1:1/none").catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot open the PostgreSQL store at postgres:\/\/parley:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
    expect((err as Error).message).not.toContain("secret");
  });

  it("stops a writer that bypasses the lock at the unique (stream, version) constraint, as a VersionConflictError", async () => {
    const schema = schemas.fresh();
    const store = await PostgresEventStore.connect(locatorFor(schema));
    const stream = `race-${randomUUID()}`;
    await store.append(stream, [pending(stream, 1)], "no_stream");
    // Another program inserts version 1 in a transaction it has not committed yet.
    const other = new pg.Client({ connectionString: PG_URL });
    await other.connect();
    const [{ pid }] = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    await other.query("BEGIN");
    await other.query(
      `INSERT INTO "${schema}".events (position, id, stream, stream_version, type, schema_version, valid_from, recorded_at, body) VALUES (1000, $1, $2, 1, 'StanceStated', 1, '2025-12-05', '2025-12-05T00:00:00.000Z', '{}')`,
      [randomUUID(), stream],
    );
    // Parley sees version 0, writes version 1, and waits on the other's uncommitted row.
    const append = store.append(stream, [pending(stream, 2)], 0).catch((e: unknown) => e);
    await expect.poll(async () => (await sql("SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [pid]))[0]!.n).toBe(1);
    await other.query("COMMIT");
    await other.end();
    const err = await append;
    expect(err).toBeInstanceOf(VersionConflictError);
    expect(err).toMatchObject({ stream, expected: 0, actual: 1 });
    expect((await sql(`SELECT count(*)::int AS n FROM "${schema}".events WHERE stream = $1`, [stream]))[0]!.n).toBe(2);
    await store.close();
  });
});
