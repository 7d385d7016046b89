import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorised, post } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { SseTally } from "../support/sse-tally.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-subscribers-"));
const TOKEN = "subscribers-test-token";
const BUFFER = 256 * 1024;
let server: ParleyServer;

beforeAll(async () => {
  server = await startParleyServer(`sqlite:${join(dir, "parley.db")}`, {
    PARLEY_API_TOKEN: TOKEN,
    PARLEY_SUBSCRIBER_BUFFER: String(BUFFER),
    PARLEY_WRITE_RATE_LIMIT: "100000",
    PARLEY_NEGOTIATION: "ukraine-2025",
  });
});
afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

const headers = { ...authorised, authorization: `Bearer ${TOKEN}` };
/** About 100 kB on the wire once the quote is in the event, its source and the change it makes. */
const QUOTE = "The territorial question remains open. ".repeat(500);

async function append(n: number): Promise<number> {
  const reply = await post(
    server.url,
    {
      ...stanceInput({ party: "ukraine", issue: "territory", speaker: `spokesperson ${n}` }),
      data: { party: "ukraine", issue: "territory", position: "rejects", speaker: `spokesperson ${n}`, quote: `${n}: ${QUOTE}` },
    },
    headers,
  );
  expect(reply.status).toBe(201);
  return reply.body.position as number;
}

const head = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { position: number }).position;
const open = (n: number, headers: Record<string, string> = {}, query = "") =>
  Promise.all(Array.from({ length: n }, () => SseTally.open(`${server.url}/api/subscribe${query}`, headers)));
const ready = (t: SseTally) => t.messages.some((m) => m.event === "ready");

describe("a subscriber that stops reading", () => {
  it("is dropped with a reason once it is too far behind, while 100 others get every event in order; it resumes from Last-Event-ID", async () => {
    const stalled = await SseTally.open(`${server.url}/api/subscribe`, {}, { paused: true });
    const others = await open(100);
    await Promise.all(others.map((o) => o.until(ready)));
    const start = await head();

    // Each event is waited for by all 100, so only the stalled client can fall behind.
    const appended: number[] = [];
    let dropped = false;
    void server.printed(/subscriber .* dropped/).then(() => (dropped = true));
    while (!dropped && appended.length < 200) {
      const position = await append(appended.length);
      appended.push(position);
      await Promise.all(others.map((o) => o.until((t) => t.positions().at(-1) === position)));
    }
    expect(dropped, "the stalled client was never dropped").toBe(true);
    const droppedAfter = appended.length;
    for (let i = 0; i < 5; i++) appended.push(await append(appended.length));
    await Promise.all(others.map((o) => o.until((t) => t.positions().at(-1) === appended.at(-1))));

    for (const o of others) {
      expect(o.positions()).toEqual(appended);
      expect(o.messages.some((m) => m.event === "dropped")).toBe(false);
      o.close();
    }
    expect(server.output().match(/dropped/g)).toHaveLength(1);
    expect(server.output()).toMatch(new RegExp(`dropped: \\d+ bytes behind \\(limit ${BUFFER}\\)`));

    // The stalled client, reading at last: what was already on its way, then the reason, then the end.
    stalled.resume();
    await stalled.until((t) => t.ended);
    const got = stalled.positions();
    expect(got).toEqual(appended.slice(0, got.length));
    expect(got.length).toBeLessThan(droppedAfter);
    expect(stalled.messages.at(-1)).toMatchObject({ event: "dropped", data: { reason: expect.stringContaining("reconnect with Last-Event-ID") } });

    const resumed = await SseTally.open(`${server.url}/api/subscribe`, { "last-event-id": String(got.at(-1) ?? start) });
    await resumed.until(ready);
    expect([...got, ...resumed.positions()]).toEqual(appended);
    resumed.close();
    console.log(`subscribers: the stalled one got ${got.length} of ${droppedAfter} events (~100 kB each) before it was dropped; 100 others got all ${appended.length} in order`);
  });
});

describe("a reconnect storm", () => {
  it("serves 100 clients reconnecting at once, from different points, while events are appended, with nothing lost or repeated", async () => {
    const now = await head();
    const points = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 0 : now - (i % 30)));
    const storm = Promise.all(points.map((p) => SseTally.open(`${server.url}/api/subscribe`, { "last-event-id": String(p) })));
    const appended = [await append(1000), await append(1001), await append(1002)];
    const clients = await storm;
    const last = appended.at(-1)!;
    await Promise.all(clients.map((c) => c.until((t) => ready(t) && t.positions().at(-1) === last)));
    clients.forEach((c, i) => {
      const expected = Array.from({ length: last - points[i]! }, (_, k) => points[i]! + 1 + k);
      expect(c.positions()).toEqual(expected);
      expect(c.messages.filter((m) => m.event === "ready")).toHaveLength(1);
      c.close();
    });
  });
});
