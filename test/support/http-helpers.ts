import { mkdtempSync, rmSync } from "node:fs";
import { get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { BUNDLED_NEGOTIATION, seed } from "../../src/history.ts";
import { createApp, type AppOptions } from "../../src/http/app.ts";
import { SseStream } from "./sse-stream.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";

export const TOKEN = "test-token-of-some-length";

export interface TestServer {
  url: string;
  /** The SQLite file behind it, for a CLI run against the same record. */
  path: string;
  chronicle: Chronicle;
  /** Aborting it is what the real server does on SIGTERM. */
  shutdown: AbortController;
  close: () => Promise<void>;
}

/** A server for a test file: started before its tests, closed after them; `use` is handed it once it is up. */
export function serveForFile(use: (server: TestServer) => void, options: Parameters<typeof startServer>[0] = {}): void {
  let server: TestServer | undefined;
  beforeAll(async () => use((server = await startServer(options))));
  afterAll(() => server?.close());
}

/** The app over a real SQLite file in a temp dir, seeded with the bundled history unless `seeded` is false, on a real socket. */
export async function startServer(options: Omit<AppOptions, "token" | "shutdown"> & { seeded?: boolean; defaultNegotiation?: string | undefined } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "parley-http-"));
  const path = join(dir, "parley.db");
  const store = new SqliteEventStore(path);
  // As PARLEY_NEGOTIATION would: a write that names no negotiation goes to the bundled one, unless told otherwise.
  const fallback = "defaultNegotiation" in options ? options.defaultNegotiation : BUNDLED_NEGOTIATION;
  const chronicle = await Chronicle.open(store, { follow: true, ...(fallback ? { defaultNegotiation: fallback } : {}) });
  if (options.seeded !== false) await seed(chronicle);
  const shutdown = new AbortController();
  const app = createApp(chronicle, { ...options, token: TOKEN, shutdown: shutdown.signal });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    path,
    chronicle,
    shutdown,
    close: async () => {
      shutdown.abort();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await chronicle.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const authorised = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

/** POSTs JSON (or raw text) to /api/events. */
export async function post(url: string, body: unknown, headers: Record<string, string> = authorised) {
  const res = await fetch(`${url}/api/events`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export async function getJson(url: string) {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export interface SseMessage {
  id?: string;
  event: string;
  data: any;
}

/**
 * A Server-Sent Events reader over a plain HTTP request, parsing the wire format itself
 * so the tests see exactly what a browser's EventSource would.
 */
export class SseClient extends SseStream<SseMessage> {
  readonly comments: string[] = [];
  private buffer = "";

  /** Opens the stream; rejects with the status and body when the server refuses it. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
        if (res.statusCode === 200) return resolve(new SseClient(res));
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => reject(Object.assign(new Error(`HTTP ${res.statusCode}: ${body}`), { status: res.statusCode, body: JSON.parse(body) })));
      }).on("error", reject);
    });
  }

  protected receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
    }
  }

  private parse(block: string): void {
    const message: { id?: string; event: string; data?: string } = { event: "message" };
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("id: ")) message.id = line.slice(4);
      else if (line.startsWith("event: ")) message.event = line.slice(7);
      else if (line.startsWith("data: ")) message.data = line.slice(6);
    }
    if (message.data !== undefined) this.messages.push({ ...message, data: JSON.parse(message.data) });
  }

  protected received(): string {
    return JSON.stringify(this.messages.map((m) => [m.event, m.id]));
  }
}
