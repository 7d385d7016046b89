import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { authorised, getJson, post, serveForFile, startServer, type TestServer } from "../support/http-helpers.ts";
import { analystSource, stanceInput } from "../support/events.ts";

let server: TestServer;
let url: string;
serveForFile((s) => {
  server = s;
  url = s.url;
});

const head = () => server.chronicle.store.headPosition();

/** Sends a write, and checks it is refused with `status` and leaves the store's head where it was. */
async function refused(status: number, body: unknown, headers: Record<string, string> = authorised, target = url) {
  const before = await head();
  const reply = await post(target, body, headers);
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(typeof reply.body.error).toBe("string");
  expect(await head()).toBe(before);
  return reply.body as { error: string; issues: { path: string; message: string }[] };
}

const MiB = 1024 * 1024;
const bigQuote = (bytes: number) => "«".repeat(Math.ceil(bytes / 2)); // two UTF-8 bytes each

describe("a malformed body: 4xx naming the problem, nothing written", () => {
  it("JSON cut short: 400 saying where it stops", async () => {
    const body = await refused(400, '{"type": "StanceStated", "occurredAt": ');
    expect(body.error).toContain("not valid JSON");
    expect(body.issues).toEqual([{ path: "(body)", message: expect.stringMatching(/end of JSON input|position \d+/) }]);
  });

  it("JSON with a stray character: 400 quoting it", async () => {
    const body = await refused(400, '{"type": "StanceStated",, "data": {}}');
    expect(body.issues[0]!.message).toMatch(/position 24/);
  });

  it("JSON that is not an object (a string, an array, null): 400", async () => {
    for (const text of ['"an event"', "[]", "null", "42"]) await refused(400, text);
  });

  it("a body over the default limit of 1 MiB: 413 giving the size and the limit", async () => {
    const body = await refused(413, { ...stanceInput(), data: { party: "europe", issue: "nato", position: "supports", quote: bigQuote(MiB + 1024) } });
    expect(body.error).toContain(`limit of ${MiB} bytes`);
    expect(body.error).toContain("PARLEY_BODY_LIMIT");
    expect(body.issues[0]!.message).toMatch(/^\d+ bytes; at most 1048576 bytes$/);
  });

  it("a body just under the limit is taken", async () => {
    const { status } = await post(url, { ...stanceInput(), data: { party: "europe", issue: "nato", position: "supports", quote: bigQuote(MiB - 4096) } });
    expect(status).toBe(201);
  });

  it("the limit is configurable: 413 over it, 201 under it", async () => {
    const small = await startServer({ bodyLimit: 2048 });
    try {
      const event = (quote: string) => ({ ...stanceInput(), data: { party: "europe", issue: "nato", position: "supports", quote } });
      const before = await small.chronicle.store.headPosition();
      const over = await post(small.url, event("x".repeat(3000)));
      expect(over.status).toBe(413);
      expect(over.body.error).toContain("limit of 2048 bytes");
      expect(await small.chronicle.store.headPosition()).toBe(before);
      expect((await post(small.url, event("x".repeat(500)))).status).toBe(201);
    } finally {
      await small.close();
    }
  });

  it("not sent as JSON: 415 naming the content type", async () => {
    const body = await refused(415, JSON.stringify(stanceInput()), { authorization: authorised.authorization, "content-type": "text/plain" });
    expect(body.issues).toEqual([{ path: "Content-Type", message: expect.stringContaining("text/plain") }]);
    await refused(415, JSON.stringify(stanceInput()), { authorization: authorised.authorization });
  });

  it("JSON in a charset the server does not read: 415", async () => {
    await refused(415, JSON.stringify(stanceInput()), { ...authorised, "content-type": "application/json; charset=latin1" });
  });
});

describe("an invalid event: 400 naming the field and the problem, nothing written", () => {
  const pathsOf = (body: { issues: { path: string }[] }) => body.issues.map((i) => i.path);

  it("an unknown type", async () => {
    const body = await refused(400, { ...stanceInput(), type: "CeasefireDeclared" });
    expect(body.issues).toEqual([{ path: "type", message: expect.stringContaining("unknown event type 'CeasefireDeclared'") }]);
  });

  it("a missing field, in the envelope and in the payload", async () => {
    const { sources: _, ...noSources } = stanceInput();
    expect(pathsOf(await refused(400, noSources))).toEqual(["sources"]);
    expect(pathsOf(await refused(400, { ...stanceInput(), data: { party: "europe", position: "supports" } }))).toEqual(["data.issue"]);
  });

  it("an extra field, in the envelope and in the payload", async () => {
    const top = await refused(400, { ...stanceInput(), mood: "grim" });
    expect(top.issues[0]!.message).toContain('"mood"');
    const inner = await refused(400, { ...stanceInput(), data: { party: "europe", issue: "nato", position: "supports", mood: "grim" } });
    expect(inner.issues).toEqual([{ path: "data", message: expect.stringContaining('"mood"') }]);
  });

  it("prototype-polluting keys are refused as unknown fields, and pollute nothing", async () => {
    const text = JSON.stringify(stanceInput()).replace(/^\{/, '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ');
    const body = await refused(400, text);
    expect(body.issues.map((i) => i.message).join()).toContain("__proto__");
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("a correction replacing a '__proto__' field is refused by name, not stored as a correction of nothing", async () => {
    const target = server.chronicle.events[0]!;
    const correction = {
      type: "ReportCorrected",
      occurredAt: "2025-12-06",
      reportedAt: "2025-12-06",
      sources: [analystSource],
      data: { correctedEventId: target.id, reason: "misread", data: { summary: "x" } },
    };
    const text = JSON.stringify(correction).replace('"data":{"summary"', '"data":{"__proto__":{"polluted":true},"summary"');
    expect(text).toContain("__proto__");
    const body = await refused(400, text);
    expect(body.issues).toEqual([{ path: "data.data.__proto__", message: "'__proto__' is not a field of any event" }]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("an impossible date: 2025-02-30 as occurredAt, as reportedAt, as an interval's end", async () => {
    expect((await refused(400, stanceInput({ occurredAt: "2025-02-30" }))).issues).toEqual([{ path: "occurredAt", message: expect.stringContaining("2025-02-30") }]);
    expect(pathsOf(await refused(400, stanceInput({ reportedAt: "2025-02-30" })))).toEqual(["reportedAt"]);
    expect(pathsOf(await refused(400, stanceInput({ occurredAt: { from: "2025-11-24", to: "2025-02-30" } })))).toEqual(["occurredAt"]);
  });

  it("a date that does not parse, and an interval that ends before it starts", async () => {
    expect(pathsOf(await refused(400, stanceInput({ occurredAt: "last Tuesday" })))).toEqual(["occurredAt"]);
    const backwards = await refused(400, stanceInput({ occurredAt: { from: "2025-12-02", to: "2025-11-24" } }));
    expect(backwards.issues[0]!.message).toContain("ends (2025-11-24) before it starts");
  });

  it("reported before it could have happened", async () => {
    const body = await refused(400, stanceInput({ occurredAt: "2025-12-05", reportedAt: "2025-12-01" }));
    expect(body.issues).toEqual([{ path: "reportedAt", message: expect.stringContaining("before the development could have happened") }]);
  });

  it("a correction that points at no event", async () => {
    const correction = {
      type: "ReportCorrected",
      occurredAt: "2025-12-04",
      reportedAt: "2025-12-04",
      sources: [{ outlet: "Test Wire", quote: "An earlier report was wrong." }],
      data: { correctedEventId: "00000000-0000-4000-8000-000000000000", reason: "misreported", data: { position: "rejects" } },
    };
    const body = await refused(400, correction);
    expect(body.issues).toEqual([{ path: "data.correctedEventId", message: expect.stringContaining("no event with id 00000000-0000-4000-8000-000000000000") }]);
  });

  it("a batch whose third event is bad writes none of the three", async () => {
    const body = await refused(400, { events: [stanceInput({ party: "us" }), stanceInput({ party: "russia" }), stanceInput({ occurredAt: "2025-13-01" })] });
    expect(pathsOf(body)).toEqual(["events[2].occurredAt"]);
  });
});

describe("a bad query: 400 naming the parameter, nothing changed", () => {
  it.each([
    ["/api/state?at=tomorrow", ["at"]],
    ["/api/state?at=2025-02-30", ["at"]],
    ["/api/state?at=2025-12-03&knownAt=2025-13-01", ["knownAt"]],
    ["/api/diff?from=2025-11-21&to=soon", ["to"]],
    ["/api/events?from=2025-02-30", ["from"]],
    ["/api/points/us-peace-plan/nato/history?at=2025-12-03T25:00:00Z", ["at"]],
    ["/api/state?at=2025-12-03&at=2025-12-04", ["at"]],
  ])("%s", async (path, expected) => {
    const before = await head();
    const { status, body } = await getJson(`${url}${path}`);
    expect(status).toBe(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(expected);
    expect(body.error).toContain(expected[0]);
    expect(await head()).toBe(before);
  });

  it("a path with broken percent-encoding is a 400, not a failure", async () => {
    const { status, body } = await getJson(`${url}/api/meetings/%E0%A4%A`);
    expect(status).toBe(400);
    expect(body.error).toContain("not valid");
  });

  it("a request the HTTP parser rejects gets a 400 and the server keeps serving", async () => {
    const { port } = new URL(url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.end("GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nthis is not a header\r\n\r\n"));
      let text = "";
      socket.on("data", (c) => (text += c.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await getJson(`${url}/healthz`)).status).toBe(200);
  });
});

describe("the write rate limit", () => {
  it("answers 429 in JSON past the configured number of writes a minute, and writes nothing", async () => {
    const limited = await startServer({ writesPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await post(limited.url, stanceInput())).status).toBe(201);
      const before = await limited.chronicle.store.headPosition();
      const over = await post(limited.url, stanceInput());
      expect(over.status).toBe(429);
      expect(over.body.error).toContain("PARLEY_WRITE_RATE_LIMIT");
      expect(over.headers.get("ratelimit-policy")).toContain("3");
      // Wrong tokens count too: the limit also slows down guessing.
      expect((await post(limited.url, stanceInput(), { ...authorised, authorization: "Bearer guess" })).status).toBe(429);
      expect(await limited.chronicle.store.headPosition()).toBe(before);
      expect((await getJson(`${limited.url}/api/state?at=2025-12-03`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("behind a trusted proxy, counts each client the proxy names on its own; otherwise the socket's address is the client", async () => {
    const from = (client: string) => ({ ...authorised, "x-forwarded-for": client });
    const proxied = await startServer({ writesPerMinute: 2, trustProxy: ["loopback"] });
    const direct = await startServer({ writesPerMinute: 2 });
    try {
      for (let i = 0; i < 2; i++) expect((await post(proxied.url, stanceInput(), from("203.0.113.7"))).status).toBe(201);
      expect((await post(proxied.url, stanceInput(), from("203.0.113.7"))).status).toBe(429);
      expect((await post(proxied.url, stanceInput(), from("198.51.100.4"))).status).toBe(201);
      // Untrusted, the header is the client's own claim: ignored, so naming another address escapes nothing.
      for (let i = 0; i < 2; i++) expect((await post(direct.url, stanceInput(), from(`203.0.113.${i}`))).status).toBe(201);
      expect((await post(direct.url, stanceInput(), from("198.51.100.4"))).status).toBe(429);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });

  it("counts refused read tokens against the same budget, and not the reads it lets through", async () => {
    const guarded = await startServer({ writesPerMinute: 3, readToken: "the-read-token" });
    const read = (token: string) => fetch(`${guarded.url}/api/state?at=2025-12-03`, { headers: { authorization: `Bearer ${token}` } });
    try {
      for (let i = 0; i < 5; i++) expect((await read("the-read-token")).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await read(`guess-${i}`)).status).toBe(403);
      const over = await read("one-guess-too-many");
      expect(over.status).toBe(429);
      expect(((await over.json()) as { error: string }).error).toContain("refused read tokens");
    } finally {
      await guarded.close();
    }
  });
});
