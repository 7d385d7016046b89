import type Database from "better-sqlite3";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";

/** A store file Parley will not open: it names the file and what is wrong, and nothing was written to it. */
export class StoreFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`store file ${path}: ${problem}; nothing was written to it`);
    this.name = "StoreFileError";
  }
}

/** "PRLY" in the header's application id: marks a file as a Parley store. */
export const PARLEY_APPLICATION_ID = 0x50524c59;
/**
 * The layout this Parley writes: 1 = events carry a hash chain (`hash` column, `parley_meta`
 * table); 2 = the events table has no index beside its rowid, and fewer columns (sqlite-layout.ts).
 */
export const SCHEMA_VERSION = 2;

const MAGIC = "SQLite format 3\0";

/**
 * Checks the 100-byte SQLite header before SQLite opens the file, so a file that is not a
 * database, or one cut short, is refused by name rather than read as garbage. A WAL beside
 * the file may hold pages a checkpoint has not yet written back, so the length check is
 * skipped then (SQLite's recovery reads them from the WAL).
 */
export function checkHeader(path: string): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  if (size === 0) return; // an empty file is an empty database
  const header = Buffer.alloc(100);
  const fd = openSync(path, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString("latin1", 0, 16) !== MAGIC)
    throw new StoreFileError(path, `is not a SQLite database (it does not start with the SQLite header${read < 100 ? `; it holds only ${read} bytes` : ""})`);
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = header.readUInt32BE(28);
  const pagesValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pages > 0;
  const wal = `${path}-wal`;
  const walHolds = existsSync(wal) && statSync(wal).size > 0;
  if (pagesValid && !walHolds && size < pages * pageSize)
    throw new StoreFileError(path, `is truncated: its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes), but the file holds ${size} bytes`);
}

/** What an opened file holds, judged before anything is written to it: older Parley stores are upgraded on open. */
export type FileKind = "empty" | "current" | "schema 1" | "unchained";

const SQLITE_DAMAGE = new Set(["SQLITE_CORRUPT", "SQLITE_NOTADB"]);

/** SQLite's own complaint about a damaged file, named as such. */
export function damaged(path: string, err: unknown): StoreFileError | undefined {
  const code = (err as { code?: string }).code;
  if (code && SQLITE_DAMAGE.has(code)) return new StoreFileError(path, `is damaged: SQLite says "${(err as Error).message}" (${code}); restore it from a backup (parley restore)`);
  return undefined;
}

/** The columns a Parley events table had from the first release until schema 2. */
const EVENT_COLUMNS = ["position", "id", "stream", "stream_version", "type", "schema_version", "recorded_at", "body"];

/**
 * Tells a new file, a Parley store (current or from before the hash chain) and anything
 * else apart. Another application's database, or a store a newer Parley wrote, is refused.
 */
export function classify(db: Database.Database, path: string): FileKind {
  try {
    const applicationId = db.pragma("application_id", { simple: true }) as number;
    const version = db.pragma("user_version", { simple: true }) as number;
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all()
      .map((t) => t.name);
    if (applicationId === PARLEY_APPLICATION_ID) {
      if (version > SCHEMA_VERSION)
        throw new StoreFileError(
          path,
          `was written by a newer Parley (store schema ${version}; this Parley reads up to ${SCHEMA_VERSION}); upgrade Parley, or open a backup this version wrote`,
        );
      return version === SCHEMA_VERSION ? "current" : version === 1 ? "schema 1" : "unchained";
    }
    if (applicationId === 0 && tables.length === 0) return "empty";
    const columns = tables.includes("events")
      ? db
          .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events')")
          .all()
          .map((c) => c.name)
      : [];
    if (applicationId === 0 && version === 0 && EVENT_COLUMNS.every((c) => columns.includes(c))) return "unchained";
    const id = applicationId ? `application id 0x${applicationId.toString(16)}, ` : "";
    throw new StoreFileError(path, `is another application's SQLite database (${id}tables: ${tables.join(", ")}), not a Parley store; Parley will not write to it`);
  } catch (err) {
    throw damaged(path, err) ?? err;
  }
}
