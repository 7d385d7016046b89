import { mkdirSync } from "node:fs";
import { open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";

/**
 * Where a consumer stopped: the global position of the last event it handled, and the
 * record (EventStore.identity) that position belongs to. `backend` is undefined only in a
 * checkpoint saved before Parley recorded it.
 */
export interface Checkpoint {
  position: number;
  backend: string | undefined;
}

/** Remembers, per named consumer, where it stopped. */
export interface CheckpointStore {
  load(name: string): Promise<Checkpoint | undefined>;
  save(name: string, checkpoint: { position: number; backend: string }): Promise<void>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * One small JSON file per consumer in a directory. A save writes a temporary file, syncs
 * it and renames it over the old one, so a crash leaves either the old checkpoint or the
 * new one, never a torn file. The position is written as a decimal string: exact for any
 * backend's positions, whatever a JSON reader does with large numbers.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private file(name: string): string {
    if (!NAME.test(name)) throw new Error(`checkpoint name '${name}' must be a lower-case slug such as 'dashboard-feed'`);
    return join(this.dir, `${name}.json`);
  }

  async load(name: string): Promise<Checkpoint | undefined> {
    const file = this.file(name);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    const saved = readCheckpoint(text);
    const position = Number(saved?.position);
    if (!saved || !Number.isSafeInteger(position) || position < 0) throw new Error(`checkpoint ${file} holds no valid position: ${text.slice(0, 200)}`);
    return { position, backend: saved.backend };
  }

  async save(name: string, { position, backend }: { position: number; backend: string }): Promise<void> {
    if (!Number.isSafeInteger(position) || position < 0) throw new Error(`cannot checkpoint position ${position}`);
    const file = this.file(name);
    const temporary = `${file}.${process.pid}.tmp`;
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(JSON.stringify({ name, position: String(position), backend, savedAt: new Date().toISOString() }) + "\n");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  }
}

/** The position a checkpoint file holds, as its decimal string, and its backend; undefined if the file is damaged. */
function readCheckpoint(text: string): { position: string; backend: string | undefined } | undefined {
  try {
    const parsed = JSON.parse(text) as { position?: unknown; backend?: unknown };
    if (typeof parsed.position !== "string" || !/^\d+$/.test(parsed.position)) return undefined;
    return { position: parsed.position, backend: typeof parsed.backend === "string" ? parsed.backend : undefined };
  } catch {
    return undefined;
  }
}
