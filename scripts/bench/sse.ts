import { fork, type ChildProcess } from "node:child_process";
import { once, setMaxListeners } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { createApp } from "../../src/http/app.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { questions } from "./questions.ts";
import { percentile, round2 } from "./stats.ts";

const SUBSCRIBERS = 100;
const now = () => performance.timeOrigin + performance.now();

/** Resolves with the moment every subscriber had received `position`. */
function deliveredAt(children: ChildProcess, arrivals: Map<number, number>, position: number): Promise<number> {
  const known = arrivals.get(position);
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve) => {
    const listen = (m: { position?: number; at?: number }) => {
      if (m.position !== position) return;
      children.off("message", listen);
      resolve(m.at!);
    };
    children.on("message", listen);
  });
}

/**
 * The live path end to end: the HTTP app over the loaded store, 100 subscribers on real
 * sockets in another process, and for each append the time until the last of them has
 * the event.
 */
export async function measureSse(path: string, events: number, appends: number): Promise<{ sseP50Ms: number; sseP99Ms: number }> {
  const store = new SqliteEventStore(path);
  const chronicle = await Chronicle.open(store);
  const shutdown = new AbortController();
  setMaxListeners(SUBSCRIBERS + 10, shutdown.signal); // each open event stream listens for shutdown
  const server = createServer(createApp(chronicle, { token: "bench", heartbeatMs: 60_000, shutdown: shutdown.signal, log: () => {} }));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const subscribers = fork(fileURLToPath(new URL("./sse-subscribers.ts", import.meta.url)), [String(port), String(SUBSCRIBERS)], { execArgv: ["--import", "tsx"] });
  const arrivals = new Map<number, number>();
  subscribers.on("message", (m: { position?: number; at?: number }) => m.position !== undefined && arrivals.set(m.position, m.at!));
  await new Promise((resolve) => subscribers.on("message", (m: { ready?: boolean }) => m.ready && resolve(undefined)));
  const latencies: number[] = [];
  for (const q of questions(events, appends, 5)) {
    const started = now();
    const [result] = await chronicle.record(
      [
        {
          type: "StatementMade",
          occurredAt: q.pastDay,
          sources: [{ outlet: "Reuters", quote: "A spokesperson said talks would resume." }],
          data: { speaker: "A spokesperson", party: "us", summary: "talks to resume", issues: ["nato"] },
        },
      ],
      { negotiation: q.negotiation },
    );
    latencies.push((await deliveredAt(subscribers, arrivals, result!.position)) - started);
  }
  subscribers.kill();
  shutdown.abort();
  server.closeAllConnections();
  server.close();
  await chronicle.close();
  await store.close();
  return { sseP50Ms: round2(percentile(latencies, 50)), sseP99Ms: round2(percentile(latencies, 99)) };
}
