import { START, type EventStoreDBClient, type Position } from "@eventstore/db-client";
import { setTimeout as sleep } from "node:timers/promises";
import { pagesAfter } from "./all-reader.ts";
import type { StreamNames } from "./codec.ts";
import { toPortPosition } from "./position.ts";

/** Where one Parley event lives. */
export interface Location {
  stream: string;
  revision: bigint;
  position: number;
}

/**
 * Where each Parley event id lives and the newest Parley position, learnt by reading `$all`
 * forward from where the last read stopped.
 *
 * EventStoreDB has no lookup by event id and no global uniqueness of ids, while the port
 * promises both (findById, idempotent retries, DuplicateEventIdError). Catching up before
 * each use keeps this exact for every event acknowledged before the call, whichever process
 * wrote it. Its cost is memory per event id: see the README ("Running Parley on EventStoreDB"), "What changes at scale".
 */
export class IdIndex {
  private readonly byId = new Map<string, Location>();
  private cursor: Position | typeof START = START;
  private newest = 0;
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly client: EventStoreDBClient, private readonly names: StreamNames) {}

  get head(): number {
    return this.newest;
  }

  get(id: string): Location | undefined {
    return this.byId.get(id);
  }

  /** Reads `$all` on from the cursor; concurrent callers queue, one read at a time. */
  catchUp(): Promise<void> {
    const run = this.reading.then(() => this.read());
    this.reading = run.catch(() => undefined);
    return run;
  }

  /**
   * Catches up until the given (acknowledged) events are on the index. The leader
   * acknowledges a write once it is readable, so one read normally suffices; the bound
   * turns a broken promise into an error instead of a wrong position.
   */
  async awaitIds(ids: string[]): Promise<void> {
    for (let tries = 0; ; tries++) {
      await this.catchUp();
      const missing = ids.find((id) => !this.byId.has(id));
      if (!missing) return;
      if (tries === 20) throw new Error(`event ${missing} was acknowledged but is not on $all`);
      await sleep(25);
    }
  }

  private async read(): Promise<void> {
    for await (const page of pagesAfter(this.client, this.cursor)) {
      for (const r of page) {
        const stream = this.names.parleyStream(r.streamId, r.type);
        if (stream !== undefined) this.learn(r.id, { stream, revision: r.revision, position: toPortPosition(r.position) });
      }
      this.cursor = page[page.length - 1]!.position;
    }
  }

  private learn(id: string, location: Location): void {
    this.byId.set(id, location);
    if (location.position > this.newest) this.newest = location.position;
  }
}
