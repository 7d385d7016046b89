import { existsSync } from "node:fs";
import { connect, type NetConnectOpts } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

/** The image the tests start, the same one docker-compose.yml runs. */
export const EVENTSTORE_IMAGE = "eventstore/eventstore:24.10";

export type EventStoreTarget = { kind: "url"; url: string } | { kind: "docker" } | { kind: "none"; why: string };

/** Where a Docker engine would listen: DOCKER_HOST, else the sockets Docker and its desktop and rootless modes use. */
function dockerEndpoint(): NetConnectOpts | undefined {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith("unix://")) return { path: host.slice("unix://".length) };
  if (host?.startsWith("tcp://")) {
    const url = new URL(host.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  const runtime = process.env.XDG_RUNTIME_DIR;
  const sockets = [
    process.env.TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE,
    "/var/run/docker.sock",
    join(homedir(), ".docker/run/docker.sock"),
    join(homedir(), ".docker/desktop/docker.sock"),
    runtime && join(runtime, "docker.sock"),
  ];
  const path = sockets.find((p): p is string => !!p && existsSync(p));
  return path ? { path } : undefined;
}

const describeEndpoint = (e: NetConnectOpts) => ("path" in e ? e.path : `${e.host}:${e.port}`);

/** Asks the engine `GET /_ping`, giving up quickly so a dead socket never hangs the suite. */
function ping(endpoint: NetConnectOpts, ms = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = "";
    const socket = connect(endpoint);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), ms);
    socket.on("connect", () => socket.write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (/^HTTP\/1\.[01] 200 /.test(reply)) done(true);
    });
    socket.on("error", () => done(false));
    socket.on("end", () => done(/^HTTP\/1\.[01] 200 /.test(reply)));
  });
}

/** EVENTSTORE_URL if set, else a Docker engine that answers, else why there is neither. */
export async function findEventStore(): Promise<EventStoreTarget> {
  const url = process.env.EVENTSTORE_URL;
  if (url) return { kind: "url", url };
  const endpoint = dockerEndpoint();
  if (!endpoint) return { kind: "none", why: "no Docker engine, EVENTSTORE_URL unset" };
  if (!(await ping(endpoint))) return { kind: "none", why: `Docker engine at ${describeEndpoint(endpoint)} not answering, EVENTSTORE_URL unset` };
  return { kind: "docker" };
}

/** A throwaway single insecure node, in memory, without projections (Parley runs its own). */
export async function startEventStore(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { GenericContainer, Wait } = await import("testcontainers");
  const container = await new GenericContainer(EVENTSTORE_IMAGE)
    .withEnvironment({
      EVENTSTORE_CLUSTER_SIZE: "1",
      EVENTSTORE_INSECURE: "true",
      EVENTSTORE_MEM_DB: "true",
      EVENTSTORE_RUN_PROJECTIONS: "None",
      EVENTSTORE_START_STANDARD_PROJECTIONS: "false",
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp("/health/live", 2113).forStatusCodeMatching((code) => code >= 200 && code < 300))
    .withStartupTimeout(180_000)
    .start();
  return {
    url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}
