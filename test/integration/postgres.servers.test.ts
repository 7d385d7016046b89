import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { TOKEN, authorised, post } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { Schemas, locatorFor, requirePostgres } from "../support/postgres.ts";
import { SseTally } from "../support/sse-tally.ts";

const schemas = new Schemas("parley_servers");
let servers: ParleyServer[] = [];
beforeAll(requirePostgres);
afterAll(async () => {
  servers.forEach((s) => killIfRunning(s.child));
  await schemas.dropAll();
});

const CLIENTS = 3;
const EVENTS = 60;
const ready = (t: SseTally) => t.messages.some((m) => m.event === "ready");

async function storedPositions(locator: string, after: number): Promise<number[]> {
  const store = await PostgresEventStore.connect(locator);
  const positions: number[] = [];
  for await (const batch of store.readAll({ after })) positions.push(...batch.map((e) => e.position));
  await store.close();
  return positions;
}

describe("two parley serve processes on one PostgreSQL record", () => {
  it(`deliver every event written through either to every SSE client of both, in order, resumable on the other server`, async () => {
    const locator = locatorFor(schemas.fresh());
    const env = { PARLEY_API_TOKEN: TOKEN, PARLEY_WRITE_RATE_LIMIT: "100000", PARLEY_NEGOTIATION: "ukraine-2025" };
    // Both start at once on an empty record: both try to seed it, and it is seeded once.
    servers = await Promise.all([startParleyServer(locator, env), startParleyServer(locator, env)]);
    const [a, b] = servers as [ParleyServer, ParleyServer];
    const seeded = await storedPositions(locator, 0);
    expect(seeded).toEqual(seeded.map((_, i) => i + 1));
    const start = seeded.length;
    for (const s of servers) expect(await (await fetch(`${s.url}/healthz`)).json()).toMatchObject({ status: "ok", problems: [], position: start });

    const clients = await Promise.all(servers.flatMap((s) => Array.from({ length: CLIENTS }, () => SseTally.open(`${s.url}/api/subscribe`))));
    await Promise.all(clients.map((c) => c.until(ready)));
    // One client of B leaves half-way and comes back through A with Last-Event-ID.
    const leaving = clients[CLIENTS]!;

    // Two writers on each server at once.
    const written: number[] = [];
    let resumed: SseTally | undefined;
    let resumedFrom = 0;
    await Promise.all(
      [a, a, b, b].map(async (server, w) => {
        for (let i = w; i < EVENTS; i += 4) {
          const reply = await post(server.url, stanceInput({ speaker: `writer ${w} event ${i}` }), authorised);
          expect(reply.status).toBe(201);
          written.push(reply.body.position as number);
          if (written.length === EVENTS / 2 && !resumed) {
            leaving.close();
            resumedFrom = leaving.positions().at(-1) ?? start;
            resumed = await SseTally.open(`${a.url}/api/subscribe`, { "last-event-id": String(resumedFrom) });
          }
        }
      }),
    );
    const all = await storedPositions(locator, start);
    expect([...written].sort((x, y) => x - y)).toEqual(all);
    expect(all).toEqual(all.map((_, i) => start + i + 1));

    const staying = clients.filter((c) => c !== leaving);
    await Promise.all([...staying, resumed!].map((c) => c.until((t) => t.positions().at(-1) === all.at(-1))));
    for (const c of staying) expect(c.positions()).toEqual(all);
    const before = leaving.positions();
    const after = resumed!.positions();
    expect(before).toEqual(all.slice(0, before.length));
    expect(after).toEqual(all.filter((p) => p > resumedFrom));
    expect([...before, ...after]).toEqual(all);

    for (const c of [...clients, resumed!]) c.close();
    for (const s of servers) expect(await s.stop()).toBe(0);
    console.log(
      `two servers: ${EVENTS} events written through 4 writers on 2 servers; ${staying.length} SSE clients got all ${EVENTS} in order; one left after ${before.length} and resumed on the other server from Last-Event-ID ${resumedFrom}, nothing lost or repeated`,
    );
  });
});
