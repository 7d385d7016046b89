import Database from "better-sqlite3";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { checkHeader, classify } from "../store/sqlite-file.ts";
import { SqliteEventStore } from "../store/sqlite.ts";
import { failure, verifyStore } from "./verify.ts";

/** The file a `sqlite:PATH` locator names; backup and restore work on SQLite files only. */
export function sqlitePath(locator: string): string {
  if (!locator.startsWith("sqlite:") || locator === "sqlite:")
    throw new Error(`backup and restore work on a sqlite:PATH store, not '${locator}'; use export and import for other stores`);
  return locator.slice("sqlite:".length);
}

/** Opens a copy, verifies it (file and chain), and says what it holds; a copy that fails is deleted. */
async function verifiedCopy(copy: string, what: string): Promise<{ events: number; head: string }> {
  let wrong: string | undefined;
  let held = { events: 0, head: "" };
  try {
    const store = new SqliteEventStore(copy);
    try {
      const v = await verifyStore(store);
      wrong = failure(v);
      held = { events: v.chain.checked, head: v.chain.head };
    } finally {
      await store.close();
    }
  } catch (err) {
    wrong = err instanceof Error ? err.message : String(err);
  }
  if (wrong === undefined) return held;
  removeDatabase(copy);
  throw new Error(`${what} fails verification: ${wrong}`);
}

const removeDatabase = (path: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${path}${suffix}`, { force: true });
};

/**
 * `parley backup FILE`: a consistent copy of the store taken while `parley serve` (or
 * anything else) keeps writing, verified before it takes its name; FILE must not exist.
 */
export async function backupCommand(locator: string, file: string): Promise<string> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new name for the backup`);
  const store = new SqliteEventStore(sqlitePath(locator));
  const partial = `${file}.partial`;
  removeDatabase(partial);
  try {
    await store.backup(partial);
  } finally {
    await store.close();
  }
  const { events, head } = await verifiedCopy(partial, `the backup ${partial}`);
  renameSync(partial, file);
  return `backed up ${events} events to ${file}; verified; head hash ${head}`;
}

/** How many events a Parley store holds; refuses another application's database even when forced. */
function heldEvents(path: string): number {
  if (!existsSync(path)) return 0;
  checkHeader(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (classify(db, path) === "empty") return 0;
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM events").get()!.n;
  } finally {
    db.close();
  }
}

/**
 * `parley restore FILE [--force]`: verifies a copy of the backup, then puts it in the
 * store's place. A store that holds events is replaced only with `force`; a file that is
 * not a Parley store is never replaced. The server must not be running on the store.
 */
export async function restoreCommand(locator: string, file: string, force: boolean): Promise<string> {
  const target = sqlitePath(locator);
  if (!existsSync(file)) throw new Error(`no backup file ${file}`);
  let held: number | string;
  try {
    held = heldEvents(target);
  } catch (err) {
    if (!force || /another application's/.test((err as Error).message)) throw err;
    held = "a damaged file"; // replacing a damaged store is what --force and a backup are for
  }
  if (held !== 0 && !force) throw new Error(`the store ${target} holds ${held} events; restoring would replace them: pass --force to do so`);
  heldEvents(file); // names the backup file if it is damaged, foreign or from a newer Parley
  const copy = `${target}.restoring`;
  mkdirSync(dirname(target), { recursive: true });
  removeDatabase(copy);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(copy);
  } finally {
    source.close();
  }
  const { events, head } = await verifiedCopy(copy, `the backup ${file}`);
  // The old WAL must go before the copy takes the name, or SQLite would replay it onto the copy.
  removeDatabase(target);
  renameSync(copy, target);
  return `restored ${events} events from ${file} into ${target}${held !== 0 ? ` (replacing ${held === "a damaged file" ? held : `${held} events`})` : ""}; verified; head hash ${head}`;
}
