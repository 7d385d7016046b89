import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { PostgresEventStore } from "../../src/store/postgres/store.ts";
import { TOKEN, authorised, post } from "../support/http-helpers.ts";
import { batchSize, crashBatch, crashOpening } from "../support/crash-batches.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { PG_URL, Schemas, locatorFor, requirePostgres, sql } from "../support/postgres.ts";
import { SseTally } from "../support/sse-tally.ts";
import { TcpRelay } from "../support/tcp-relay.ts";

const schemas = new Schemas("parley_faults");
const started: ParleyServer[] = [];
beforeAll(requirePostgres);
afterAll(async () => {
  started.forEach((s) => killIfRunning(s.child));
  await schemas.dropAll();
});

const env = { PARLEY_API_TOKEN: TOKEN, PARLEY_WRITE_RATE_LIMIT: "1000000", PARLEY_NEGOTIATION: "ukraine-2025" };
const serve = async (locator: string) => {
  const server = await startParleyServer(locator, env);
  started.push(server);
  return server;
};
const ready = (t: SseTally) => t.messages.some((m) => m.event === "ready");

async function readAllOf(locator: string): Promise<StoredEvent[]> {
  const store = await PostgresEventStore.connect(locator);
  const events: StoredEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  await store.close();
  return events;
}

const crashLabel = /^run (\d+) batch (\d+) event (\d+) of (\d+)$/;

describe("a parley serve killed with SIGKILL while writing to PostgreSQL", () => {
  const KILLS = 5;

  /** Two clients post batches until the server dies; it is killed a few ms after `acks` acknowledgements. */
  async function writeUntilKilled(server: ParleyServer, run: number, acks: number): Promise<number[]> {
    const acked: number[] = [];
    let next = 0;
    let killed = false;
    // The negotiation the batches go to; its fixed id makes opening it again on each run a retry.
    expect([200, 201]).toContain((await post(server.url, crashOpening, authorised)).status);
    const poster = async () => {
      for (;;) {
        const batch = next++;
        const reply = await post(server.url, { events: crashBatch(run, batch) }, authorised).catch((error: unknown) => {
          if (killed) return undefined;
          throw error;
        });
        if (!reply) return;
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        acked.push(batch);
        if (acked.length === acks && !killed) {
          killed = true;
          setTimeout(() => server.child.kill("SIGKILL"), Math.random() * 8);
        }
      }
    };
    await Promise.all([poster(), poster()]);
    return acked;
  }

  it(`keeps every acknowledged batch and never half of one, over ${KILLS} kills`, async () => {
    const locator = locatorFor(schemas.fresh());
    const acked: { run: number; batch: number }[] = [];
    let present = 0;
    for (let run = 0; run < KILLS; run++) {
      const server = await serve(locator);
      acked.push(...(await writeUntilKilled(server, run, 1 + Math.floor(Math.random() * 30))).map((batch) => ({ run, batch })));
      if (server.child.exitCode === null && server.child.signalCode === null) await once(server.child, "exit");
      expect(server.child.signalCode).toBe("SIGKILL");

      const events = (await readAllOf(locator)).filter((e) => crashLabel.test((e.data as { speaker?: string }).speaker ?? ""));
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const { run: r, batch } of acked) {
        const sent = crashBatch(r, batch);
        const stored = sent.map((e) => byId.get(e.id));
        expect(stored.map((e) => e?.data)).toEqual(sent.map((e) => e.data));
        expect(stored.map((e) => e!.position)).toEqual(stored.map((_, i) => stored[0]!.position + i));
      }
      const batches = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const [, r, b] = crashLabel.exec((e.data as { speaker: string }).speaker)!;
        batches.set(`${r}/${b}`, [...(batches.get(`${r}/${b}`) ?? []), e]);
      }
      for (const [key, members] of batches) expect(members.length, `batch ${key}`).toBe(batchSize(Number(key.split("/")[1])));
      for (const stream of ["crash-a", "crash-b"]) {
        const versions = events.filter((e) => e.stream === stream).map((e) => e.streamVersion);
        expect(versions).toEqual(versions.map((_, i) => i));
      }
      present = batches.size;
      expect(present).toBeGreaterThanOrEqual(acked.length);
    }
    const events = acked.reduce((n, a) => n + batchSize(a.batch), 0);
    console.log(
      `pg crash: ${KILLS} SIGKILLs of parley serve; ${acked.length} acknowledged batches (${events} events) all present and whole; ${present - acked.length} committed but unacknowledged, whole; no half-written batch`,
    );
  });
});

describe("PostgreSQL connections lost while serving", () => {
  it("pg_terminate_backend on every Parley connection, again and again: writes go on, live clients miss nothing", async () => {
    const schema = schemas.fresh();
    const locator = locatorFor(schema);
    const server = await serve(locator);
    const start = (await readAllOf(locator)).length;
    const clients = await Promise.all(Array.from({ length: 3 }, () => SseTally.open(`${server.url}/api/subscribe`)));
    await Promise.all(clients.map((c) => c.until(ready)));

    const EVENTS = 150;
    const terminated = new Set<number>();
    let reconnects = 0;
    const written: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      if (i % 15 === 7) {
        // Pids first, then each one: in one WHERE clause the planner may call pg_terminate_backend on rows of other applications.
        const pids = (await sql<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [`parley ${schema}`])).map((r) => r.pid);
        for (const pid of pids) if ((await sql<{ done: boolean }>("SELECT pg_terminate_backend($1) AS done", [pid]))[0]!.done) terminated.add(pid);
        // The listener comes back on a connection of its own.
        await expect
          .poll(
            async () =>
              (await sql("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%' AND NOT (pid = ANY($2))", [`parley ${schema}`, [...terminated]]))
                .length,
          )
          .toBe(1);
        reconnects++;
      }
      const reply = await post(server.url, stanceInput({ speaker: `through terminations ${i}` }), authorised);
      // 200 would mean a commit the connection loss hid, recognised on retry by its id.
      expect([200, 201], JSON.stringify(reply.body)).toContain(reply.status);
      written.push(reply.body.position as number);
    }
    const all = (await readAllOf(locator)).slice(start).map((e) => e.position);
    expect(all).toEqual(written);
    await Promise.all(clients.map((c) => c.until((t) => t.positions().at(-1) === all.at(-1))));
    for (const c of clients) expect(c.positions()).toEqual(all);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: "ok", problems: [] });
    clients.forEach((c) => c.close());
    expect(await server.stop()).toBe(0);
    console.log(
      `pg terminate: ${terminated.size} Parley backends terminated in ${reconnects} rounds; ${reconnects} listener reconnects; ${EVENTS} writes acknowledged; 3 live clients got all ${EVENTS} in order, none lost or repeated`,
    );
  });

  it("the server cut off (a TCP relay standing in for an outage): /healthz is degraded, a write waits, and everything arrives once it is back", async () => {
    const target = new URL(PG_URL);
    const relay = new TcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
    await relay.restore();
    const schema = schemas.fresh();
    const direct = locatorFor(schema);
    const viaRelay = new URL(direct);
    viaRelay.port = String(relay.port);
    const server = await serve(viaRelay.toString());
    const clients = await Promise.all(Array.from({ length: 2 }, () => SseTally.open(`${server.url}/api/subscribe`)));
    await Promise.all(clients.map((c) => c.until(ready)));
    const write = async (label: string) => {
      const reply = await post(server.url, stanceInput({ speaker: label }), authorised);
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    };
    for (let i = 0; i < 10; i++) await write(`before ${i}`);

    await relay.cut();
    await expect.poll(async () => (await fetch(`${server.url}/healthz`)).status).toBe(503);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; problems: string[] };
    expect(health.status).toBe("degraded");
    expect(health.problems.join("\n")).toMatch(/PostgreSQL/);
    const waiting = write("sent while cut off");
    // Meanwhile another server, not cut off, keeps writing to the record.
    const other = await PostgresEventStore.connect(direct);
    const { pending } = await import("../support/events.ts");
    for (let i = 0; i < 5; i++) await other.append("elsewhere", [pending("elsewhere", i)], "any");
    await other.close();

    await relay.restore();
    await waiting;
    for (let i = 0; i < 5; i++) await write(`after ${i}`);
    await expect.poll(async () => (await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: "ok", problems: [] });

    const all = await readAllOf(direct);
    const fresh = all.slice(-21).map((e) => e.position);
    await Promise.all(clients.map((c) => c.until((t) => t.positions().at(-1) === all.at(-1)!.position)));
    for (const c of clients) expect(c.positions()).toEqual(fresh);
    clients.forEach((c) => c.close());
    expect(await server.stop()).toBe(0);
    await relay.cut();
    console.log(
      `pg outage: /healthz degraded (${health.problems.length} problems) while cut off; 1 write sent during the outage acknowledged after it; 5 events from another writer meanwhile; 2 live clients got all 21 in order`,
    );
  });
});
