import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { migrate, migrateCommand } from "../../src/cli/migrate.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { DuplicateEventIdError, type EventStore } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { pending } from "../support/events.ts";
import { seededSource } from "../support/migration-source.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "parley-migrate-")), "parley.db");

async function readAllOf(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll()) out.push(...batch);
  return out;
}

/** What a copy must keep of each event: everything but the transaction time the target assigns. */
const envelope = ({ recordedAt: _recordedAt, ...rest }: StoredEvent) => rest;

describe("parley migrate", () => {
  const opened: EventStore[] = [];
  const open = <S extends EventStore>(store: S): S => (opened.push(store), store);
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
  });

  it("copies a SQLite file into another in order, ids, streams, times and sources preserved, and the state is the same", async () => {
    const sourcePath = freshPath();
    const events = await seededSource(sourcePath);
    expect(events.length).toBeGreaterThan(40);
    const source = open(new SqliteEventStore(sourcePath));
    const target = open(new SqliteEventStore(freshPath()));

    const report = await migrate(source, target);
    expect(report).toEqual({ read: events.length, copied: events.length, alreadyThere: 0 });
    const copied = await readAllOf(target);
    // Transaction times too: the notes have no report date, so "as known at" dates them by recordedAt.
    expect(copied).toEqual(events);
    expect(copied.slice(-4).map((e) => e.stream)).toEqual(["notes-a", "notes-b", "notes-b", "notes-a"]);

    const [before, after] = [await Chronicle.open(source, { follow: false }), await Chronicle.open(target, { follow: false })];
    expect(after.asOf().state("2025-12-31")).toEqual(before.asOf().state("2025-12-31"));
    expect(after.asOf().history()).toEqual(before.asOf().history());
    const lastNote = events[events.length - 1]!;
    const knownJustBefore = new Date(Date.parse(lastNote.recordedAt) - 1).toISOString();
    for (const knownAt of [knownJustBefore, lastNote.recordedAt]) expect(after.asOf({ knownAt }).state("2025-12-31")).toEqual(before.asOf({ knownAt }).state("2025-12-31"));
  });

  it("copies nothing twice when run again, and completes a copy that stopped half way", async () => {
    const sourcePath = freshPath();
    const events = await seededSource(sourcePath);
    const source = open(new SqliteEventStore(sourcePath));
    const target = open(new SqliteEventStore(freshPath()));
    // A first run that stopped after ten events.
    for (const e of events.slice(0, 10)) await target.append(e.stream, [envelope(e)], "any");

    const resumed = await migrate(source, target);
    expect(resumed).toMatchObject({ read: events.length, copied: events.length - 10, alreadyThere: 10 });
    const again = await migrate(source, target);
    expect(again).toMatchObject({ read: events.length, copied: 0, alreadyThere: events.length });
    expect((await readAllOf(target)).map(envelope)).toEqual(events.map(envelope));
  });

  it("stops at an id the target holds for a different event", async () => {
    const sourcePath = freshPath();
    const events = await seededSource(sourcePath);
    const source = open(new SqliteEventStore(sourcePath));
    const target = open(new MemoryEventStore());
    const impostor = { ...pending("elsewhere", 1), id: events[5]!.id };
    await target.append("elsewhere", [impostor], "any");
    await expect(migrate(source, target)).rejects.toBeInstanceOf(DuplicateEventIdError);
  });

  it("copies a SQLite file into the memory store through the locators, and says what it did", async () => {
    const sourcePath = freshPath();
    const events = await seededSource(sourcePath);
    const lines: string[] = [];
    const report = await migrateCommand(`sqlite:${sourcePath}`, "memory", (line) => lines.push(line));
    expect(report.copied).toBe(events.length);
    const source = open(new SqliteEventStore(sourcePath));
    // The memory store chains the copies itself: the same head hash as the file's shows the chain carried across.
    expect(lines[0]).toBe(
      `migrated sqlite:${sourcePath} → memory: read ${events.length} events, copied ${events.length}, already there 0; target head position ${events.length}; head hash ${await source.headHash()} on both`,
    );
    expect(lines).toHaveLength(1);
  });

  it("runs as a CLI command between two SQLite files, idempotently", () => {
    const from = freshPath();
    const to = freshPath();
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "src/cli/main.ts", ...args], { encoding: "utf8", env: { ...process.env, PARLEY_STORE: "memory" } });
    cli("--store", `sqlite:${from}`, "seed");
    const first = cli("migrate", "--from", `sqlite:${from}`, "--to", `sqlite:${to}`);
    expect(first).toMatch(/read (\d+) events, copied \1, already there 0; target head position \1/);
    const second = cli("migrate", "--from", `sqlite:${from}`, "--to", `sqlite:${to}`);
    expect(second).toMatch(/read (\d+) events, copied 0, already there \1/);
    expect(cli("--store", `sqlite:${to}`, "state", "--at", "2025-12-31")).toEqual(cli("--store", `sqlite:${from}`, "state", "--at", "2025-12-31"));
  }, 60_000);
});
