import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, startServer, type TestServer } from "../support/http-helpers.ts";
import { FISHING, fishingOpened, fishingStance } from "../support/fishing.ts";

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/api/session/write`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: TOKEN }) });
  expect(res.status).toBe(204);
  const set = res.headers.get("set-cookie") ?? "";
  expect(set).toMatch(/HttpOnly/i);
  expect(set).toMatch(/SameSite=Strict/i);
  expect(set).not.toContain(TOKEN);
  cookie = set.split(";")[0]!;
});
afterAll(() => server.close());

/** A batch opening the fishing dispute, sent as the dashboard would: no bearer token, only what the headers say. */
const write = (headers: Record<string, string>, path = "/api/events") =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ negotiation: FISHING, events: [fishingOpened, fishingStance()] }),
  });

describe("the dashboard's write session", () => {
  it("refuses a wrong token at sign-in", async () => {
    const res = await fetch(`${server.url}/api/session/write`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: `not-${TOKEN}` }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a write with no cookie (401), a foreign Origin (403) or no Origin (403), and writes nothing", async () => {
    const head = await server.chronicle.store.headPosition();
    const none = await write({ origin: server.url });
    expect(none.status).toBe(401);
    const foreign = await write({ cookie, origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error).toContain("Origin 'http://evil.example' is not");
    const missing = await write({ cookie });
    expect(missing.status).toBe(403);
    expect((await missing.json()).error).toContain("must carry an Origin header");
    const forged = await write({ cookie: "parley_write=forged", origin: server.url });
    expect(forged.status).toBe(403);
    const drafts = await write({ cookie, origin: "http://evil.example" }, "/api/drafts");
    expect(drafts.status).toBe(403);
    expect(await server.chronicle.store.headPosition()).toBe(head);
    expect(server.chronicle.negotiations()).not.toContain(FISHING);
  });

  it("admits a write with the cookie from the server's own origin", async () => {
    const head = await server.chronicle.store.headPosition();
    const res = await write({ cookie, origin: server.url });
    expect(res.status).toBe(201);
    expect(await server.chronicle.store.headPosition()).toBe(head + 2);
    expect(server.chronicle.negotiations()).toContain(FISHING);
  });
});
