/**
 * A consumer for the crash test: follows a SQLite store through runCheckpointed and tallies
 * every event it handles, printing `handled POSITION` as it does; the test kills it with SIGKILL.
 * It stops by itself once it has handled position UNTIL.
 *
 *   ledger: the tally and the checkpoint live in one SQLite file and are saved in one
 *           transaction, the way a consumer that must never repeat an event keeps them.
 *   file:   the tally is a text file and the checkpoint a FileCheckpointStore.
 *
 * Usage: checkpointed-tally.ts EVENTS_DB WORK_DIR ledger|file UNTIL
 */
import Database from "better-sqlite3";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { StoredEvent } from "../../events/envelope.ts";
import { runCheckpointed } from "../../src/engine/checkpointed-subscription.ts";
import { FileCheckpointStore, type Checkpoint, type CheckpointStore } from "../../src/engine/checkpoints.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";

/** A tally whose rows are written with the checkpoint, in one transaction: both survive a crash, or neither. */
export class Ledger implements CheckpointStore {
  private readonly db: Database.Database;
  private staged: number[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS tally (position INTEGER NOT NULL); CREATE TABLE IF NOT EXISTS checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL, backend TEXT NOT NULL)",
    );
  }

  stage(event: StoredEvent): void {
    this.staged.push(event.position);
  }

  async load(name: string): Promise<Checkpoint | undefined> {
    return this.db.prepare("SELECT position, backend FROM checkpoint WHERE name = ?").get(name) as Checkpoint | undefined;
  }

  async save(name: string, { position, backend }: { position: number; backend: string }): Promise<void> {
    const insert = this.db.prepare("INSERT INTO tally (position) VALUES (?)");
    this.db.transaction(() => {
      for (const p of this.staged) insert.run(p);
      this.db
        .prepare("INSERT INTO checkpoint (name, position, backend) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, backend = excluded.backend")
        .run(name, position, backend);
    })();
    this.staged = [];
  }
}

const [eventsDb, workDir, mode, until] = process.argv.slice(2);
if (!eventsDb || !workDir || (mode !== "ledger" && mode !== "file") || !until) throw new Error("usage: checkpointed-tally.ts EVENTS_DB WORK_DIR ledger|file UNTIL");

const ledger = mode === "ledger" ? new Ledger(join(workDir, "ledger.db")) : undefined;
const checkpoints = ledger ?? new FileCheckpointStore(join(workDir, "checkpoints"));
const tally = (event: StoredEvent) => (ledger ? ledger.stage(event) : appendFileSync(join(workDir, "tally.txt"), `${event.position}\n`));

// Polls often: the test appends from its own process while this one follows.
const store = new SqliteEventStore(eventsDb, { pollMs: 10 });
const stop = new AbortController();
await runCheckpointed(store, checkpoints, {
  name: "tally",
  signal: stop.signal,
  handle(event) {
    tally(event);
    process.stdout.write(`handled ${event.position}\n`);
    if (event.position >= Number(until)) stop.abort();
  },
});
await store.close();
