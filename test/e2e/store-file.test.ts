import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seededFile } from "../support/chronicle.ts";
import { runParley } from "../support/parley-process.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-store-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

const seeded = seededFile;

/** `parley serve` on the file, as a user starts it; it must stop at once, naming the file, and leave it as it was. */
async function refusedAtStart(path: string, problem: RegExp): Promise<void> {
  const before = digest(path);
  const run = await runParley(["serve"], { PARLEY_STORE: `sqlite:${path}`, PORT: "0", HOST: "127.0.0.1" });
  expect(run.code).toBe(1);
  expect(run.stdout).not.toContain("serving");
  const line = run.stderr.trim().split("\n").at(-1)!;
  expect(line).toContain(`store file ${path}: `);
  expect(line).toMatch(problem);
  expect(line).toContain("nothing was written to it");
  expect(digest(path)).toBe(before);
  expect(existsSync(`${path}-wal`)).toBe(false);
}

describe("a store file Parley did not write, or that was damaged", () => {
  it("a truncated store: refused as truncated, with the sizes", async () => {
    const path = join(dir, "truncated.db");
    await seeded(path);
    truncateSync(path, Math.floor(statSync(path).size / 2 / 4096) * 4096);
    await refusedAtStart(path, /is truncated: its header says \d+ pages of 4096 bytes \(\d+ bytes\), but the file holds \d+ bytes/);
  });

  it("a file of random bytes: refused as not a SQLite database", async () => {
    const path = join(dir, "random.db");
    writeFileSync(path, randomBytes(64 * 1024));
    await refusedAtStart(path, /is not a SQLite database/);
  });

  it("another application's SQLite database: refused, naming its tables", async () => {
    const path = join(dir, "invoices.db");
    const db = new Database(path);
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5);");
    db.close();
    await refusedAtStart(path, /is another application's SQLite database \(tables: invoices\), not a Parley store/);
  });

  it("another application's database that happens to have an events table: refused too", async () => {
    const path = join(dir, "calendar.db");
    const db = new Database(path);
    db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT, starts TEXT);");
    db.close();
    await refusedAtStart(path, /is another application's SQLite database \(tables: events\)/);
  });

  it("a store a newer Parley wrote: refused, naming both schema versions", async () => {
    const path = join(dir, "newer.db");
    await seeded(path);
    const db = new Database(path);
    db.pragma("user_version = 7");
    db.close();
    await refusedAtStart(path, /was written by a newer Parley \(store schema 7; this Parley reads up to 2\)/);
  });

  it("a store whose pages were overwritten by garbage: refused as damaged at start, and verify reports it", async () => {
    const path = join(dir, "scribbled.db");
    await seeded(path);
    const bytes = readFileSync(path);
    // Every page but the first (the schema): the events table can no longer be read.
    randomBytes(bytes.length - 4096).copy(bytes, 4096);
    writeFileSync(path, bytes);
    await refusedAtStart(path, /is damaged: SQLite says "database disk image is malformed" \(SQLITE_CORRUPT\); restore it from a backup/);
    const run = await runParley(["verify"], { PARLEY_STORE: `sqlite:${path}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the SQLite file is damaged");
  });
});
