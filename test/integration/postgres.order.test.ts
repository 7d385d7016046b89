import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { ROOT } from "../support/parley-process.ts";
import { Schemas, locatorFor, requirePostgres } from "../support/postgres.ts";

const schemas = new Schemas("parley_order");
beforeAll(requirePostgres);
afterAll(() => schemas.dropAll());

const WRITERS = 6;
const LANES = 4;
const BATCHES = 120;

/** One writer process; resolves with the number of events it says it appended. */
function writer(locator: string, n: number): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/pg-writer.ts", locator, String(n), String(BATCHES), String(LANES)], { cwd: ROOT });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(Number(/appended (\d+)/.exec(out)![1])) : reject(new Error(`writer ${n} exited with ${code}: ${out}`)))),
  );
}

describe("the global order under concurrent writers in separate processes", () => {
  it(`a live subscriber receives every event once, in position order, exactly what a final full read returns (${WRITERS} processes × ${LANES} connections)`, async () => {
    const locator = locatorFor(schemas.fresh());
    const store = await PostgresEventStore.connect(locator);
    const received: StoredEvent[] = [];
    const stop = new AbortController();
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    let expected = Infinity;
    let allReceived!: () => void;
    const complete = new Promise<void>((resolve) => (allReceived = resolve));
    void (async () => {
      for await (const m of store.subscribe({ signal: stop.signal })) {
        if (m.kind === "caught-up") caughtUp();
        else received.push(m.event);
        if (received.length >= expected) allReceived();
      }
    })();
    await ready;

    const appended = await Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(locator, n)));
    expected = appended.reduce((a, b) => a + b, 0);
    if (received.length >= expected) allReceived();
    // Then the subscriber runs on a while: anything delivered twice would arrive now and show below.
    await complete;
    await new Promise((r) => setTimeout(r, 500));
    stop.abort();

    const all: StoredEvent[] = [];
    for await (const batch of store.readAll()) all.push(...batch);
    await store.close();

    expect(all).toHaveLength(expected);
    expect(received.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(received.map((e) => e.id)).size).toBe(expected);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    for (const stream of new Set(all.map((e) => e.stream))) {
      const versions = all.filter((e) => e.stream === stream).map((e) => e.streamVersion);
      expect(versions, stream).toEqual(versions.map((_, i) => i));
    }
    console.log(
      `order: ${WRITERS} writer processes × ${LANES} connections appended ${expected} events; the live subscriber got ${received.length}, none missed, none twice, in the order of the final full read`,
    );
  });
});
