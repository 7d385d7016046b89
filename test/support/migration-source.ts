import { parseEvent, type StoredEvent } from "../../events/envelope.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { seed } from "../../src/history.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { analystSource } from "./events.ts";

/**
 * A source file with the bundled history, then analyst notes with no report date,
 * interleaved across streams so global order differs from stream order.
 */
export async function seededSource(path: string): Promise<StoredEvent[]> {
  const store = new SqliteEventStore(path);
  const chronicle = await Chronicle.open(store, { follow: false });
  await seed(chronicle);
  await chronicle.close();
  const note = (stream: string, label: string) => ({
    ...parseEvent({
      type: "StatementMade",
      occurredAt: { date: "2025-11-24", precision: "week", label },
      sources: [analystSource],
      data: { speaker: "An analyst", party: "europe", summary: label },
    }),
    stream,
  });
  await store.append("notes-a", [note("notes-a", "first")], "any");
  await store.append("notes-b", [note("notes-b", "second"), note("notes-b", "third")], "any");
  await store.append("notes-a", [note("notes-a", "fourth")], "any");
  const events = await readAllOf(store);
  await store.close();
  return events;
}

async function readAllOf(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const batch of store.readAll()) out.push(...batch);
  return out;
}
