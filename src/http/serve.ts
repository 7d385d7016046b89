import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Chronicle } from "../engine/chronicle.ts";
import { seed } from "../history.ts";
import { openStore } from "../store/open.ts";
import { createApp } from "./app.ts";
import { settingsFromEnv, type HttpSettings } from "./settings.ts";
import { resolveToken, type ApiToken } from "./token.ts";

export interface ServeOptions {
  store: string;
  port: number;
  /** Interface to bind; all of them when unset. */
  host?: string;
  /** PARLEY_API_TOKEN; when unset a token is generated and kept beside the database. */
  token?: string;
  /** PARLEY_NEGOTIATION: where a write that names no negotiation goes; unset, such a write is refused. */
  defaultNegotiation?: string;
  /** Body limit, CORS origins, rate limit, read token, subscriber buffer: from PARLEY_* variables when unset. */
  settings?: HttpSettings;
  log?: (line: string) => void;
}

/** In-flight requests get this long to finish on shutdown before their connections are cut. */
const DRAIN_MS = 10_000;

const describeToken = ({ origin, ephemeral }: ApiToken) =>
  origin === "PARLEY_API_TOKEN"
    ? "API token for writes: the one in PARLEY_API_TOKEN"
    : `API token for writes: stored in ${origin}${ephemeral ? " (memory store: a new token each start)" : ""}`;

/** Resolves once bound; rejects on EADDRINUSE and the like instead of crashing later. */
function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Serves the API and the dashboard over one store: seeds an empty store with the bundled
 * history, and on SIGINT/SIGTERM stops taking connections, tells event streams, lets
 * in-flight requests finish, and closes the store.
 */
export async function serve(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const log = options.log ?? console.log;
  const settings = options.settings ?? settingsFromEnv(process.env);
  const store = await openStore(options.store);
  const chronicle = await Chronicle.open(store, { follow: true, log, ...(options.defaultNegotiation ? { defaultNegotiation: options.defaultNegotiation } : {}) });
  if (chronicle.events.length === 0) log(`first start: loaded ${(await seed(chronicle)).added} events of bundled history`);
  const token = resolveToken(options.store, options.token);
  log(describeToken(token));
  if (settings.readToken !== undefined) log("reads need a token: the one in PARLEY_READ_TOKEN (or the write token)");

  const stopping = new AbortController();
  const app = createApp(chronicle, { ...settings, token: token.token, shutdown: stopping.signal });
  const server = createServer(app);
  await listen(server, options.port, options.host);
  const url = `http://${options.host ?? "localhost"}:${(server.address() as AddressInfo).port}`;
  log(
    `Parley is serving ${url} (store ${options.store}, ${chronicle.events.length} events${options.defaultNegotiation ? `; writes naming no negotiation go to '${options.defaultNegotiation}'` : ""})`,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopping.abort();
      const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(cut);
      await chronicle.close();
      await store.close();
    })());
  // A terminal's Ctrl-C may reach this process more than once (through npm and tsx too): one shutdown.
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    log(`${signal}: shutting down`);
    void close().then(() => log("stopped"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { url, close };
}
