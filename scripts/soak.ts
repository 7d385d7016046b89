/**
 * `npm run soak -- --minutes N`: mixed load against a real `parley serve` on loopback for N
 * minutes. Appending writers, state readers and 100 SSE subscribers (some slow, some that
 * reconnect with Last-Event-ID as a browser does); reports throughput, p99 latencies and the
 * server's RSS, then checks that every acknowledged event is in the store (whose chain must
 * verify) and was delivered to every subscriber. A script, never a test: its figures are timings.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request, type ClientRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { verifyStore, failure } from "../src/cli/verify.ts";
import { Chronicle } from "../src/engine/chronicle.ts";
import { seed } from "../src/history.ts";
import { SqliteEventStore } from "../src/store/sqlite.ts";
import { byStream } from "./bench/parley-append.ts";
import { syntheticHistory } from "./bench/synthetic-history.ts";
import { stanceInput } from "../test/support/events.ts";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "1" },
    writers: { type: "string", default: "4" },
    readers: { type: "string", default: "4" },
    subscribers: { type: "string", default: "100" },
    // Appends a second across all writers: an analyst team's busiest day, many times over.
    rate: { type: "string", default: "40" },
    // Events of other negotiations (the bench's synthetic history) in the store before the server
    // starts: a record of realistic size, so a 10-minute run's growth is a small part of it.
    prefill: { type: "string", default: "0" },
  },
});
const minutes = Number(args.minutes);
const WRITERS = Number(args.writers);
const READERS = Number(args.readers);
const SUBSCRIBERS = Number(args.subscribers);
const RATE = Number(args.rate);
const PREFILL = Number(args.prefill);
if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error("--minutes must be a number of minutes between 0 and 1440");
if (!(Number.isInteger(PREFILL) && PREFILL >= 0)) throw new Error("--prefill must be a whole number of events (0 for none)");

const TOKEN = `soak-${randomUUID()}`;
const dir = mkdtempSync(join(tmpdir(), "parley-soak-"));
const storePath = join(dir, "parley.db");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `parley serve` in its own process, as `npm start` runs it, on a free loopback port. */
async function startServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      PARLEY_STORE: `sqlite:${storePath}`,
      PARLEY_API_TOKEN: TOKEN,
      PARLEY_WRITE_RATE_LIMIT: "100000000",
      PARLEY_MAX_SUBSCRIBERS: String(SUBSCRIBERS * 2),
      PARLEY_NEGOTIATION: "ukraine-2025",
    },
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  for (let i = 0; i < 600 && !/serving (http:\/\/\S+)/.test(output); i++) {
    if (child.exitCode !== null) throw new Error(`parley serve exited:\n${output}`);
    await sleep(100);
  }
  const url = /serving (http:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`parley serve did not start:\n${output}`);
  return { child, url, output: () => output };
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

function p99(samples: number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

const errors: string[] = [];
const noteError = (what: string) => void (errors.length < 50 && errors.push(what));

/** One SSE subscriber: checks that positions arrive one after another, with none skipped, across reconnects. */
class Subscriber {
  last = 0;
  gaps = 0;
  frames = 0;
  reconnects = 0;
  drops = 0;
  ready = false;
  private req: ClientRequest | undefined;
  private closed = false;

  constructor(
    private readonly url: URL,
    readonly kind: "steady" | "slow" | "reconnecting",
  ) {}

  connect(): void {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (this.last > 0) headers["last-event-id"] = String(this.last);
    let buffer = "";
    this.req = request({ host: this.url.hostname, port: this.url.port, path: "/api/subscribe", headers }, (res) => {
      if (res.statusCode !== 200) {
        noteError(`subscribe answered ${res.statusCode}`);
        res.resume();
        return;
      }
      res.setEncoding("utf8");
      if (this.kind === "slow") this.dawdle(res);
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          this.frame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
      res.on("close", () => {
        if (!this.closed) setTimeout(() => (this.reconnects++, this.connect()), 100);
      });
    });
    this.req.on("error", (err) => {
      if (!this.closed) noteError(`subscriber: ${err.message}`);
    });
    this.req.end();
  }

  /** Stops reading for 2 s in every 10: the server must buffer for it, or drop it to reconnect. */
  private dawdle(res: NodeJS.ReadableStream): void {
    const timer = setInterval(() => {
      if (this.closed) return clearInterval(timer);
      res.pause();
      setTimeout(() => res.resume(), 2000);
    }, 10_000);
  }

  private frame(text: string): void {
    const id = /^id: (\d+)$/m.exec(text)?.[1];
    if (/^event: dropped$/m.test(text)) this.drops++;
    if (id === undefined) return;
    const position = Number(id);
    if (/^event: ready$/m.test(text)) {
      if (this.last === 0) this.last = position; // subscribed "from now": the stream starts at the head
      this.ready = true;
      return;
    }
    this.frames++;
    if (position > this.last + 1) this.gaps += position - this.last - 1;
    if (position > this.last) this.last = position;
  }

  /** Cuts the connection as a flaky network would; the close handler reconnects from the last id. */
  cut(): void {
    this.req?.destroy();
  }

  close(): void {
    this.closed = true;
    this.req?.destroy();
  }
}

/** The bundled history, then `PREFILL` synthetic events, written straight to the store. */
async function prefill(): Promise<void> {
  const store = new SqliteEventStore(storePath);
  const chronicle = await Chronicle.open(store, { follow: false });
  await seed(chronicle);
  await chronicle.close();
  for (const batch of syntheticHistory(PREFILL, 1000)) await store.appendMany(byStream(batch));
  await store.close();
  console.log(`soak: the store holds the bundled history and ${PREFILL.toLocaleString("en")} synthetic events`);
}

async function main(): Promise<void> {
  if (PREFILL > 0) await prefill();
  const server = await startServer();
  const url = new URL(server.url);
  const rss: { at: number; mib: number }[] = [];
  const started = performance.now();
  const sampleRss = () => rss.push({ at: (performance.now() - started) / 1000, mib: rssMiB(server.child.pid!) });
  sampleRss();
  const sampler = setInterval(sampleRss, 5000);

  const subscribers = Array.from({ length: SUBSCRIBERS }, (_, i) => new Subscriber(url, i % 10 === 0 ? "slow" : i % 10 === 1 ? "reconnecting" : "steady"));
  for (const s of subscribers) s.connect();
  for (let i = 0; i < 600 && !subscribers.every((s) => s.ready); i++) await sleep(100);
  if (!subscribers.every((s) => s.ready)) throw new Error("not every subscriber got its ready message within a minute");
  const cutter = setInterval(() => {
    for (const s of subscribers) if (s.kind === "reconnecting" && Math.random() < 0.25) s.cut();
  }, 5000);

  const deadline = started + minutes * 60_000;
  const acked: { id: string; position: number }[] = [];
  const appendMs: number[] = [];
  const readMs: number[] = [];

  const writer = async (w: number) => {
    const interval = (1000 * WRITERS) / RATE;
    for (let i = 0; i < 10_000_000 && performance.now() < deadline; i++) {
      const id = randomUUID();
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(stanceInput({ id, speaker: `soak writer ${w} #${i}` })),
      }).catch((err: Error) => err);
      const ms = performance.now() - t0;
      if (res instanceof Error) noteError(`append: ${res.message}`);
      else if (res.status !== 201) noteError(`append answered ${res.status}: ${await res.text()}`);
      else {
        acked.push({ id, position: ((await res.json()) as { position: number }).position });
        appendMs.push(ms);
      }
      await sleep(Math.max(0, interval - ms));
    }
  };
  const reader = async () => {
    for (let i = 0; i < 10_000_000 && performance.now() < deadline; i++) {
      const t0 = performance.now();
      // As the dashboard asks: about one negotiation (the whole record of a large store is no reader's question).
      const res = await fetch(`${server.url}/api/state?negotiation=ukraine-2025`).catch((err: Error) => err);
      if (res instanceof Error) noteError(`read: ${res.message}`);
      else {
        await res.arrayBuffer();
        if (res.status !== 200) noteError(`read answered ${res.status}`);
        else readMs.push(performance.now() - t0);
      }
      await sleep(250);
    }
  };
  const progress = setInterval(() => {
    const at = Math.round((performance.now() - started) / 1000);
    console.error(`${at}s: ${acked.length} appends, ${readMs.length} reads, server RSS ${rss.at(-1)!.mib.toFixed(0)} MiB, errors ${errors.length}`);
  }, 60_000);

  await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), ...Array.from({ length: READERS }, reader)]);
  const loadSeconds = (performance.now() - started) / 1000;
  clearInterval(cutter);
  clearInterval(progress);
  sampleRss();
  clearInterval(sampler);

  // Every subscriber must reach the last acknowledged position.
  const head = Math.max(0, ...acked.map((a) => a.position));
  for (let i = 0; i < 600 && !subscribers.every((s) => s.last >= head); i++) await sleep(100);
  for (const s of subscribers) s.close();
  const behind = subscribers.filter((s) => s.last < head || s.gaps > 0);

  server.child.kill("SIGTERM");
  await new Promise((r) => server.child.once("exit", r));

  const store = new SqliteEventStore(storePath);
  const stored = new Set<string>();
  for await (const batch of store.readAll()) for (const e of batch) stored.add(e.id);
  const verification = await verifyStore(store);
  await store.close();
  const missing = acked.filter((a) => !stored.has(a.id));

  const warm = rss.find((r) => r.at >= Math.min(60, loadSeconds / 5)) ?? rss[0]!;
  const end = rss.at(-1)!;
  const kinds = (k: Subscriber["kind"]) => subscribers.filter((s) => s.kind === k).length;
  const lines = [
    `soak: ${minutes} min against parley serve (SQLite, loopback), ${WRITERS} writers at ${RATE} appends/s in all, ${READERS} state readers, ${SUBSCRIBERS} SSE subscribers (${kinds("slow")} slow, ${kinds("reconnecting")} reconnecting)`,
    `appends: ${acked.length} acknowledged, ${(acked.length / loadSeconds).toFixed(1)}/s, p99 ${p99(appendMs).toFixed(1)} ms`,
    `state reads: ${readMs.length}, ${(readMs.length / loadSeconds).toFixed(1)}/s, p99 ${p99(readMs).toFixed(1)} ms`,
    `SSE: ${subscribers.reduce((n, s) => n + s.frames, 0)} frames delivered, ${subscribers.reduce((n, s) => n + s.reconnects, 0)} reconnects, ${subscribers.reduce((n, s) => n + s.drops, 0)} dropped by the server for falling behind`,
    `server RSS: ${rss[0]!.mib.toFixed(1)} MiB at start, ${warm.mib.toFixed(1)} MiB after warm-up (${warm.at.toFixed(0)} s), ${end.mib.toFixed(1)} MiB at the end (drift after warm-up ${(((end.mib - warm.mib) / warm.mib) * 100).toFixed(1)}%), peak ${Math.max(...rss.map((r) => r.mib)).toFixed(1)} MiB`,
    `error responses: ${errors.length}${errors.length ? ` (first: ${errors.slice(0, 5).join(" | ")})` : ""}`,
    `acknowledged events missing from the store: ${missing.length}; store verifies: ${failure(verification) ?? `yes, ${verification.chain.checked} events, head hash ${verification.chain.head}`}`,
    `subscribers short of position ${head} or with gaps: ${behind.length}${
      behind.length
        ? ` (${behind
            .slice(0, 5)
            .map((s) => `${s.kind} at ${s.last}, ${s.gaps} gaps`)
            .join("; ")})`
        : ""
    }`,
  ];
  console.log(lines.join("\n"));
  rmSync(dir, { recursive: true, force: true });
  if (errors.length || missing.length || behind.length || failure(verification)) process.exitCode = 1;
}

await main();
