import { describe, expect, it } from "vitest";
import { SseClient, post, serveForFile, startServer, type TestServer } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";

let server: TestServer;
let url: string;
serveForFile(
  (s) => {
    server = s;
    url = s.url;
  },
  { heartbeatMs: 50 },
);

const ready = (c: SseClient) => c.messages.some((m) => m.event === "ready");
const appendStance = async (n: number) => {
  const { status, body } = await post(url, stanceInput({ party: "us", issue: "security-guarantees", speaker: `official ${n}` }));
  expect(status).toBe(201);
  return body.position as number;
};

describe("GET /api/subscribe", () => {
  it("sends `ready` at the head, then one message per appended event: its position as id, the event and what it changed", async () => {
    const client = await SseClient.open(`${url}/api/subscribe`);
    await client.until(ready);
    expect(client.messages).toEqual([{ id: String(server.chronicle.head), event: "ready", data: { position: server.chronicle.head } }]);
    const { status, body } = await post(url, stanceInput({ party: "europe", issue: "nato", position: "rejects", speaker: "NATO diplomat" }));
    expect(status).toBe(201);
    await client.until((c) => c.positions().includes(body.position));
    const message = client.messages.at(-1)!;
    expect(message.id).toBe(String(body.position));
    expect(message.data.event).toMatchObject({ position: body.position, type: "StanceStated", stream: "ukraine-2025:party-europe" });
    expect(message.data.at).toBe("2025-12-05T23:59:59.999Z");
    expect(message.data.changes).toEqual([
      {
        key: "stance:europe/nato",
        kind: "stance",
        change: "added",
        before: null,
        after: { position: "rejects", speaker: "NATO diplomat", quote: "A test quote." },
        eventIds: [message.data.event.id],
      },
    ]);
    client.close();
  });

  // The feed keeps recent changes only while someone listens; otherwise a resume recomputes them.
  it.each([
    ["while another dashboard stays connected", true],
    ["while nobody listens", false],
  ])("resumes after a disconnect from Last-Event-ID with nothing lost and nothing repeated, %s", async (_, otherListener) => {
    const other = otherListener ? await SseClient.open(`${url}/api/subscribe`) : undefined;
    await other?.until(ready);
    const first = await SseClient.open(`${url}/api/subscribe`);
    await first.until(ready);
    const appended = [await appendStance(1), await appendStance(2)];
    await first.until((c) => c.positions().length === 2);
    first.close();
    const lastSeen = first.messages.at(-1)!.id!;

    // Appended while this client is away.
    appended.push(await appendStance(3), await appendStance(4));

    const second = await SseClient.open(`${url}/api/subscribe`, { "last-event-id": lastSeen });
    await second.until(ready);
    appended.push(await appendStance(5));
    await second.until((c) => c.positions().length === 3);
    second.close();
    other?.close();

    const received = [...first.positions(), ...second.positions()];
    expect(received).toEqual(appended);
    expect(new Set(received).size).toBe(received.length);
    const stored = server.chronicle.events.filter((e) => e.position >= appended[0]!).map((e) => e.position);
    expect(received).toEqual(stored);
    if (other) expect(second.messages.filter((m) => m.event === "message")).toEqual(other.messages.filter((m) => Number(m.id) > Number(lastSeen)));
  });

  it("replays from ?after=, then says ready at the head; a replayed change equals the one sent live", async () => {
    const live = await SseClient.open(`${url}/api/subscribe`);
    await live.until(ready);
    const appended = [await appendStance(6), await appendStance(7)];
    await live.until((c) => c.positions().length === 2);
    live.close();

    const replayed = await SseClient.open(`${url}/api/subscribe?after=0`);
    await replayed.until(ready);
    expect(replayed.positions()).toEqual(server.chronicle.events.map((e) => e.position));
    expect(replayed.messages.at(-1)).toMatchObject({ event: "ready", id: String(server.chronicle.head) });
    const miamiPosition = server.chronicle.events.find((e) => e.type === "MeetingScheduled")!.position;
    const miami = replayed.messages.find((m) => m.id === String(miamiPosition))!;
    expect(miami.data.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "meeting:miami-2025-12-04", change: "added", after: expect.objectContaining({ status: "scheduled" }) })]),
    );
    const ofAppended = (c: SseClient) => c.messages.filter((m) => m.event === "message" && appended.includes(Number(m.id)));
    expect(ofAppended(replayed)).toHaveLength(2);
    expect(ofAppended(replayed)).toEqual(ofAppended(live));
    replayed.close();
  });

  it("refuses one subscriber over the limit with a 503 and Retry-After, and takes one again once a stream ends", async () => {
    const capped = await startServer({ maxSubscribers: 2 });
    try {
      const open = () => SseClient.open(`${capped.url}/api/subscribe`);
      const first = await open();
      await first.until(ready);
      const second = await open();
      await second.until(ready);
      const refused = await open().catch((err: { status: number; body: { error: string } }) => err);
      expect(refused).toMatchObject({ status: 503, body: { error: expect.stringContaining("PARLEY_MAX_SUBSCRIBERS") } });
      const retryAfter = await fetch(`${capped.url}/api/subscribe`).then((r) => r.headers.get("retry-after"));
      expect(retryAfter).toBe("2");
      first.close();
      // The server learns of the close a moment later.
      let third: SseClient | undefined;
      for (let i = 0; i < 100 && !third; i++) third = await open().catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 20)));
      await third!.until(ready);
      third!.close();
      second.close();
    } finally {
      await capped.close();
    }
  });

  it("prefers Last-Event-ID (what a reconnecting browser sends) over the URL's ?after=", async () => {
    const client = await SseClient.open(`${url}/api/subscribe?after=0`, { "last-event-id": String(server.chronicle.head - 1) });
    await client.until(ready);
    expect(client.positions()).toEqual([server.chronicle.head]);
    client.close();
  });

  it("refuses a resume point that is not a position, or is beyond the head, with a 400", async () => {
    await expect(SseClient.open(`${url}/api/subscribe`, { "last-event-id": "yesterday" })).rejects.toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("Last-Event-ID") },
    });
    await expect(SseClient.open(`${url}/api/subscribe?after=100000`)).rejects.toMatchObject({ status: 400, body: { error: expect.stringContaining("beyond the record's head") } });
  });

  it("sends heartbeat comments on an idle stream", async () => {
    const client = await SseClient.open(`${url}/api/subscribe`);
    await client.until((c) => c.comments.includes("heartbeat"));
    expect(client.positions()).toEqual([]);
    client.close();
  });
});

describe("shutdown", () => {
  it("tells every stream with a `shutdown` message, then ends it", async () => {
    const own = await startServer();
    const client = await SseClient.open(`${own.url}/api/subscribe`);
    await client.until(ready);
    own.shutdown.abort();
    await client.until((c) => c.ended);
    expect(client.messages.at(-1)).toMatchObject({ event: "shutdown", data: { reason: expect.stringContaining("Last-Event-ID") } });
    await own.close();
  });
});
