import { MemoryEventStore } from "./memory.ts";
import type { EventStore } from "./port.ts";
import { isPostgresLocator } from "./postgres/locator.ts";
import { SqliteEventStore } from "./sqlite.ts";

export const DEFAULT_STORE = "sqlite:./data/parley.db";

/** Opens the store a locator names: `sqlite:PATH` (the default), `memory`, a PostgreSQL URL or an EventStoreDB connection string. */
export async function openStore(locator: string = process.env.PARLEY_STORE ?? DEFAULT_STORE): Promise<EventStore> {
  if (locator === "memory") return new MemoryEventStore();
  if (locator.startsWith("sqlite:")) {
    const path = locator.slice("sqlite:".length);
    if (!path) throw new Error("PARLEY_STORE 'sqlite:' needs a file path, e.g. sqlite:./data/parley.db");
    return new SqliteEventStore(path);
  }
  if (locator.startsWith("esdb://") || locator.startsWith("esdb+discover://")) {
    // Loaded on demand, so the embedded stores never pay for the gRPC client.
    const { EventStoreDbStore } = await import("./eventstoredb/store.ts");
    return EventStoreDbStore.connect(locator);
  }
  if (isPostgresLocator(locator)) {
    const { PostgresEventStore } = await import("./postgres/store.ts");
    return PostgresEventStore.connect(locator);
  }
  throw new Error(`unknown store '${locator}': use sqlite:PATH, memory, postgres://USER@HOST:5432/DB[?schema=NAME] or esdb://HOST:2113?tls=false`);
}
