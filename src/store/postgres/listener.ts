import pg from "pg";
import { clientConfig, sleep } from "./connection.ts";
import type { PostgresLocation } from "./locator.ts";

const RETRY_MS = [100, 250, 500, 1000, 2000];

/**
 * One connection that LISTENs on the record's channel and calls `heard` for every append any
 * process commits. When the connection drops it reconnects, with growing pauses, and calls
 * `heard` once more: readers then read from their position, so what was committed while no
 * one listened is read, not missed.
 */
export class AppendListener {
  private client: pg.Client | undefined;
  private closed = false;
  /** Why the listener is not connected, while it is not. */
  lost: string | undefined;

  constructor(
    private readonly location: PostgresLocation,
    private readonly channel: string,
    private readonly heard: () => void,
  ) {}

  /** Connects the first time: a failure here is the caller's (a wrong URL should stop a start). */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(clientConfig(this.location.connectionString, this.location.schema));
    client.on("notification", () => this.heard());
    client.on("error", (error) => this.drop(client, error));
    client.on("end", () => this.drop(client, new Error("the connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private drop(client: pg.Client, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.lost = `live updates from PostgreSQL stopped (${error.message}); reconnecting`;
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      await sleep(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!);
      if (this.closed) return;
      try {
        this.client = await this.connect();
      } catch (error) {
        this.lost = `live updates from PostgreSQL stopped (${error instanceof Error ? error.message : String(error)}); reconnecting`;
        continue;
      }
      if (this.closed) return void (await this.client.end().catch(() => undefined));
      this.lost = undefined;
      this.heard();
      return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
    }
  }
}
