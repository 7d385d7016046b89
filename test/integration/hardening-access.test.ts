import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startServer, type TestServer } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, runParley, startParleyServer, type ParleyServer } from "../support/parley-process.ts";
import { SseTally } from "../support/sse-tally.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-access-"));
const WRITE = "write-token-6d1f0c2a9e7b4d35";
const READ = "read-token-0b9e44f1c2d84a77";
const ANALYSTS = "https://analysts.example.org";
let server: ParleyServer;

/** Every reply this suite received, headers and body as text: none may hold a token. */
const transcript: string[] = [];
async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => headers.push([name, value]));
  transcript.push(`${res.status} ${JSON.stringify(headers)} ${text}`);
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const json = { "content-type": "application/json" };

beforeAll(async () => {
  server = await startParleyServer(`sqlite:${join(dir, "parley.db")}`, {
    PARLEY_API_TOKEN: WRITE,
    PARLEY_READ_TOKEN: READ,
    PARLEY_CORS_ORIGINS: ANALYSTS,
    PARLEY_NEGOTIATION: "ukraine-2025",
  });
});
afterAll(() => {
  killIfRunning(server?.child);
  rmSync(dir, { recursive: true, force: true });
});

describe("with PARLEY_READ_TOKEN set, reads need it", () => {
  it("401 without a token, 403 with a wrong one, 200 with the read or the write token", async () => {
    const none = await call("/api/state?at=2025-12-03");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(none.json().error).toContain("read token");
    expect((await call("/api/state?at=2025-12-03", { headers: bearer("guess") })).status).toBe(403);
    expect((await call("/api/state?at=2025-12-03", { headers: bearer(READ) })).status).toBe(200);
    expect((await call("/api/events?limit=1", { headers: bearer(WRITE) })).status).toBe(200);
    expect((await call("/api/openapi.json")).status).toBe(401);
  });

  it("the event stream too", async () => {
    await expect(SseTally.open(`${server.url}/api/subscribe`)).rejects.toMatchObject({ status: 401 });
    const stream = await SseTally.open(`${server.url}/api/subscribe`, bearer(READ));
    await stream.until((t) => t.messages.some((m) => m.event === "ready"));
    stream.close();
  });

  it("the dashboard's page and the liveness check stay open: they hold no part of the record", async () => {
    expect((await call("/")).status).toBe(200);
    expect((await call("/app.js")).status).toBe(200);
    expect((await call("/healthz")).json()).toMatchObject({ status: "ok" });
  });

  it("the dashboard trades the token for an HttpOnly, SameSite=Strict cookie that holds no token", async () => {
    expect((await call("/api/session", { method: "POST", headers: json, body: JSON.stringify({ token: "guess" }) })).status).toBe(403);
    expect((await call("/api/session", { method: "POST", headers: json, body: "{}" })).status).toBe(400);
    const opened = await call("/api/session", { method: "POST", headers: json, body: JSON.stringify({ token: READ }) });
    expect(opened.status).toBe(204);
    const cookie = opened.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^parley_read=[\w-]+; Path=\/api; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(";")[0]!;
    expect((await call("/api/state?at=2025-12-03", { headers: { cookie: session } })).status).toBe(200);
    expect((await call("/api/state?at=2025-12-03", { headers: { cookie: "parley_read=forged" } })).status).toBe(403);
  });

  it("the read token does not write", async () => {
    const refused = await call("/api/events", { method: "POST", headers: { ...json, ...bearer(READ) }, body: JSON.stringify(stanceInput()) });
    expect(refused.status).toBe(403);
    expect((await call("/api/events", { method: "POST", headers: { ...json, ...bearer(WRITE) }, body: JSON.stringify(stanceInput()) })).status).toBe(201);
  });
});

describe("CORS", () => {
  it("answers a listed origin, preflight included, and no other", async () => {
    const allowed = await call("/api/state?at=2025-12-03", { headers: { origin: ANALYSTS, ...bearer(READ) } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ANALYSTS);
    expect(allowed.headers.get("vary")).toContain("Origin");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    // A page elsewhere pages the history by its Link header: it must be allowed to read it.
    expect(allowed.headers.get("access-control-expose-headers")).toContain("Link");
    const preflight = await call("/api/events", {
      method: "OPTIONS",
      headers: { origin: ANALYSTS, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

    const elsewhere = await call("/api/state?at=2025-12-03", { headers: { origin: "https://evil.example", ...bearer(READ) } });
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    const theirPreflight = await call("/api/events", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(theirPreflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("is closed by default", async () => {
    const closed: TestServer = await startServer();
    try {
      const res = await fetch(`${closed.url}/api/state?at=2025-12-03`, { headers: { origin: ANALYSTS } });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      const preflight = await fetch(`${closed.url}/api/events`, { method: "OPTIONS", headers: { origin: ANALYSTS, "access-control-request-method": "POST" } });
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      expect(preflight.headers.get("access-control-allow-methods")).toBeNull();
    } finally {
      await closed.close();
    }
  });
});

describe("security headers", () => {
  it("a content security policy that allows only the page's own files, and the usual helmet headers", async () => {
    const page = await call("/");
    const csp = page.headers.get("content-security-policy")!;
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "script-src-attr 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("x-powered-by")).toBeNull();
    expect((await call("/api/state", { headers: bearer(READ) })).headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("the tokens never leave the server", () => {
  it("appear in no reply and in no line of its log, even when requests carrying them fail", async () => {
    const withWrite = { ...json, ...bearer(WRITE) };
    const failures: [string, RequestInit][] = [
      ["/api/events", { method: "POST", headers: withWrite, body: '{"type": ' }],
      ["/api/events", { method: "POST", headers: withWrite, body: JSON.stringify({ ...stanceInput(), type: "Nope" }) }],
      ["/api/events", { method: "POST", headers: { ...bearer(WRITE), "content-type": "text/plain" }, body: "x" }],
      ["/api/events", { method: "POST", headers: withWrite, body: JSON.stringify({ stream: "party-europe", expectedVersion: 99, events: [stanceInput()] }) }],
      [
        "/api/events",
        {
          method: "POST",
          headers: withWrite,
          body: JSON.stringify({ ...stanceInput(), data: { party: "europe", issue: "nato", position: "supports", quote: "x".repeat(2 * 1024 * 1024) } }),
        },
      ],
      ["/api/events", { method: "POST", headers: { ...json, authorization: `Bearer ${WRITE} ${READ}` }, body: "{}" }],
      ["/api/events", { method: "POST", headers: { ...json, authorization: `Basic ${WRITE}` }, body: "{}" }],
      ["/api/events", { method: "POST", headers: { ...json, ...bearer(`${WRITE}x`) }, body: "{}" }],
      ["/api/state?at=never", { headers: bearer(READ) }],
      ["/api/meetings/%E0%A4%A", { headers: bearer(READ) }],
      ["/api/nothing", { headers: bearer(READ) }],
      ["/api/state", { headers: bearer(`${READ}x`) }],
      ["/api/session", { method: "POST", headers: json, body: JSON.stringify({ token: `${READ}x` }) }],
    ];
    for (const [path, init] of failures) expect((await call(path, init)).status).toBeGreaterThanOrEqual(400);
    expect(await server.stop()).toBe(0);

    expect(transcript.length).toBeGreaterThanOrEqual(failures.length);
    for (const token of [WRITE, READ]) {
      for (const reply of transcript) expect(reply).not.toContain(token);
      expect(server.output()).not.toContain(token);
    }
    expect(server.output()).toContain("PARLEY_READ_TOKEN");
  });
});

describe("a memory store's generated token", () => {
  it("is kept in a private file the log names, not printed", async () => {
    const memory = await startParleyServer("memory", { PARLEY_NEGOTIATION: "ukraine-2025" });
    onTestFinished(() => killIfRunning(memory.child));
    const file = /stored in (\S+)/.exec(memory.output())![1]!;
    const token = readFileSync(file, "utf8").trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(memory.output()).toContain("a new token each start");
    const write = await fetch(`${memory.url}/api/events`, { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify(stanceInput()) });
    expect(write.status).toBe(201);
    expect(await memory.stop()).toBe(0);
    expect(memory.output()).not.toContain(token);
  });
});

describe("settings from the environment", () => {
  it.each([
    ["PARLEY_BODY_LIMIT", "lots"],
    ["PARLEY_CORS_ORIGINS", "https://analysts.example.org/dashboard"],
    ["PARLEY_WRITE_RATE_LIMIT", "-5"],
    ["PARLEY_SUBSCRIBER_BUFFER", "0"],
    ["PARLEY_MAX_SUBSCRIBERS", "none"],
    ["PARLEY_TRUST_PROXY", "true"],
    ["PARLEY_TRUST_PROXY", "10.0.0.0/99"],
  ])("a bad %s stops the server at start, naming the variable", async (name, value) => {
    const { code, stderr } = await runParley(["serve"], { PARLEY_STORE: "memory", PORT: "0", HOST: "127.0.0.1", [name]: value, PARLEY_READ_TOKEN: READ });
    expect(code).toBe(1);
    expect(stderr).toContain(name);
    expect(stderr).not.toContain(READ);
  });
});
