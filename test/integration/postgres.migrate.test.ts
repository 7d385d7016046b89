import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { migrate } from "../../src/cli/migrate.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import type { EventStore } from "../../src/store/port.ts";
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { seededSource } from "../support/migration-source.ts";
import { ROOT } from "../support/parley-process.ts";
import { Schemas, locatorFor, requirePostgres } from "../support/postgres.ts";

const schemas = new Schemas("parley_migrate");
beforeAll(requirePostgres);
afterAll(() => schemas.dropAll());

const freshPath = () => join(mkdtempSync(join(tmpdir(), "parley-pg-migrate-")), "parley.db");
const cli = (...args: string[]) =>
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PARLEY_STORE: "memory" } });

async function readAllOf(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll()) out.push(...batch);
  return out;
}

async function withStore<T>(store: EventStore, use: (s: EventStore) => Promise<T>): Promise<T> {
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe("parley migrate between SQLite and PostgreSQL", () => {
  it("copies SQLite into PostgreSQL and back with ids, order, streams and transaction times, idempotently", async () => {
    const from = freshPath();
    const events = await seededSource(from);
    const pg = locatorFor(schemas.fresh());
    const back = freshPath();

    expect(cli("migrate", "--from", `sqlite:${from}`, "--to", pg)).toMatch(
      new RegExp(`read ${events.length} events, copied ${events.length}, already there 0; target head position ${events.length}`),
    );
    expect(cli("migrate", "--from", `sqlite:${from}`, "--to", pg)).toMatch(new RegExp(`read ${events.length} events, copied 0, already there ${events.length}`));
    // Positions too: both number a fresh record from 1, and the copy goes in global order.
    expect(await withStore(await PostgresEventStore.connect(pg), readAllOf)).toEqual(events);

    expect(cli("migrate", "--from", pg, "--to", `sqlite:${back}`)).toMatch(new RegExp(`copied ${events.length}, already there 0`));
    expect(cli("migrate", "--from", pg, "--to", `sqlite:${back}`)).toMatch(new RegExp(`copied 0, already there ${events.length}`));
    expect(await withStore(new SqliteEventStore(back), readAllOf)).toEqual(events);

    const last = events.at(-1)!;
    const knownAt = new Date(Date.parse(last.recordedAt) - 1).toISOString();
    const state = (store: EventStore) => withStore(store, async (s) => (await Chronicle.open(s, { follow: false })).asOf({ knownAt }).state("2025-12-31"));
    expect(await state(await PostgresEventStore.connect(pg))).toEqual(await state(new SqliteEventStore(from)));
  });

  it("completes a copy into PostgreSQL that stopped half way, copying nothing twice", async () => {
    const from = freshPath();
    const events = await seededSource(from);
    const target = await PostgresEventStore.connect(locatorFor(schemas.fresh()));
    const source = new SqliteEventStore(from);
    // A first run that stopped after the batch holding the twentieth event.
    const stopped = new SqliteEventStore(freshPath());
    for (const e of events.slice(0, 20)) {
      const { position: _p, streamVersion: _v, ...copy } = e;
      await stopped.append(e.stream, [copy], "any");
    }
    await migrate(stopped, target);
    await stopped.close();

    expect(await migrate(source, target)).toEqual({ read: events.length, copied: events.length - 20, alreadyThere: 20 });
    expect(await migrate(source, target)).toEqual({ read: events.length, copied: 0, alreadyThere: events.length });
    expect(await readAllOf(target)).toEqual(events);
    await source.close();
    await target.close();
  });
});
