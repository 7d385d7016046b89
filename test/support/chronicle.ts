import { readFileSync } from "node:fs";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { BUNDLED_NEGOTIATION, seed } from "../../src/history.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";

/** An engine over a fresh in-memory store, loaded with the bundled history, where writes naming no negotiation go. */
export async function seededChronicle(): Promise<Chronicle> {
  const chronicle = await Chronicle.open(new MemoryEventStore(), { defaultNegotiation: BUNDLED_NEGOTIATION });
  await seed(chronicle);
  return chronicle;
}

/** A SQLite file at `path` holding the bundled history, closed again. */
export async function seededFile(path: string): Promise<void> {
  const store = new SqliteEventStore(path);
  const chronicle = await Chronicle.open(store, { follow: false });
  await seed(chronicle);
  await chronicle.close();
  await store.close();
}

const seedDir = new URL("../../../shared/seeds/", import.meta.url);

/** The text of one seed article, exactly as shipped (mis-decoded characters included). */
export function seedText(file: string): string {
  return readFileSync(new URL(file, seedDir), "utf8");
}
