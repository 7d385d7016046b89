/**
 * A writer for the PostgreSQL order test: appends `batches` batches of one to three events
 * to a few streams shared with the other writers, from `lanes` concurrent loops on one store,
 * then prints how many events it appended. Usage: pg-writer.ts LOCATOR WRITER BATCHES LANES
 */
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { pending } from "./events.ts";

const [locator, writer, batches, lanes] = process.argv.slice(2);
if (!locator || !writer || !batches || !lanes) throw new Error("usage: pg-writer.ts LOCATOR WRITER BATCHES LANES");

const store = await PostgresEventStore.connect(locator);
let appended = 0;
await Promise.all(
  Array.from({ length: Number(lanes) }, async (_, lane) => {
    for (let b = lane; b < Number(batches); b += Number(lanes)) {
      const stream = `order-${(Number(writer) + b) % 5}`;
      const events = Array.from({ length: 1 + (b % 3) }, (_, i) => pending(stream, i));
      // Half the batches span two streams: one transaction for both.
      if (b % 2 === 0)
        await store.appendMany([
          { stream, events, expected: "any" },
          { stream: `order-w${writer}`, events: [pending(`order-w${writer}`)], expected: "any" },
        ]);
      else await store.append(stream, events, "any");
      appended += events.length + (b % 2 === 0 ? 1 : 0);
    }
  }),
);
await store.close();
process.stdout.write(`appended ${appended}\n`);
