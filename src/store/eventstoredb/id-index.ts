import { START, type AllStreamRecordedEvent, type EventStoreDBClient, type Position } from "@eventstore/db-client";
import { setTimeout as sleep } from "node:timers/promises";
import { pagesAfter } from "./all-reader.ts";
import { hasParleyEnvelope, type StreamNames } from "./codec.ts";
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
 * wrote it. Two processes can still race one id into two streams; every location is kept,
 * so each stream stays readable, and the first written is the one findById answers.
 * Events in Parley's streams without Parley's envelope are counted, never learnt.
 * Its cost is memory per event id: see the README ("Running Parley on EventStoreDB"), "What changes at scale".
 */
export class IdIndex {
  private readonly byId = new Map<string, Location[]>();
  private readonly skipped = new Set<string>();
  private cursor: Position | typeof START = START;
  private newest = 0;
  private reading: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
  ) {}

  get head(): number {
    return this.newest;
  }

  /** How many distinct events in Parley's streams were passed over for lacking Parley's envelope. */
  get skippedCount(): number {
    return this.skipped.size;
  }

  /** The first-written location of an id. */
  get(id: string): Location | undefined {
    return this.byId.get(id)?.[0];
  }

  /** Every location of an id, in `$all` order. */
  locations(id: string): readonly Location[] {
    return this.byId.get(id) ?? [];
  }

  /**
   * Reads `$all` on from the cursor, one read at a time. Callers that arrive while a read
   * runs share the one queued after it, so a burst of lookups costs two reads, not one each.
   */
  catchUp(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.reading.then(() => {
      if (this.queued === run) this.queued = undefined;
      return this.read();
    });
    this.queued = run;
    this.reading = run.catch(() => undefined);
    return run;
  }

  /** Where an id lives in one stream: the newest such location. */
  in(id: string, stream: string): Location | undefined {
    return this.locations(id).findLast((l) => l.stream === stream);
  }

  /**
   * Catches up until the given (acknowledged) events are on the index, each in its stream.
   * The leader acknowledges a write once it is readable, so one read normally suffices; the
   * bound turns a broken promise into an error instead of a wrong position.
   */
  async awaitWritten(written: { id: string; stream: string }[]): Promise<void> {
    for (let tries = 0; ; tries++) {
      await this.catchUp();
      const missing = written.find(({ id, stream }) => !this.in(id, stream));
      if (!missing) return;
      if (tries === 20) throw new Error(`event ${missing.id} was acknowledged in '${missing.stream}' but is not on $all`);
      await sleep(25);
    }
  }

  private async read(): Promise<void> {
    for await (const page of pagesAfter(this.client, this.cursor)) {
      for (const r of page) this.learn(r);
      this.cursor = page[page.length - 1]!.position;
    }
  }

  private learn(r: AllStreamRecordedEvent): void {
    const stream = this.names.parleyStream(r.streamId, r.type);
    if (stream === undefined) return;
    if (!hasParleyEnvelope(r)) return void this.skipped.add(r.id);
    const location = { stream, revision: r.revision, position: toPortPosition(r.position) };
    const known = this.byId.get(r.id);
    if (known) known.push(location);
    else this.byId.set(r.id, [location]);
    if (location.position > this.newest) this.newest = location.position;
  }
}
