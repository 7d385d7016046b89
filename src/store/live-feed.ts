import type { StoredEvent } from "../../events/envelope.ts";
import type { SubscribeOptions, SubscriptionMessage } from "./port.ts";

const BATCH = 1000;

/**
 * Catch-up-then-live delivery shared by the local stores: read the backlog in batches,
 * say "caught-up" once, then sleep until an append (or, for a file another process may
 * write, a poll) wakes it. A wake counter closes the gap between reading and sleeping.
 */
export class LiveFeed {
  private wakes = 0;
  private readonly sleepers = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly read: (after: number, limit: number) => Promise<StoredEvent[]>,
    private readonly pollMs?: number,
  ) {}

  notify(): void {
    this.wakes++;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  private sleep(seen: number, signal?: AbortSignal): Promise<void> {
    if (this.wakes !== seen || this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = this.pollMs ? setTimeout(done, this.pollMs) : undefined;
      signal?.addEventListener("abort", done);
      this.sleepers.add(done);
    });
  }

  async *subscribe({ after = 0, signal }: SubscribeOptions): AsyncIterable<SubscriptionMessage> {
    let position = after;
    let caughtUp = false;
    while (!this.closed && !signal?.aborted) {
      const seen = this.wakes;
      const batch = await this.read(position, BATCH);
      for (const event of batch) {
        if (signal?.aborted) return;
        position = event.position;
        yield { kind: "event", event };
      }
      if (batch.length === BATCH) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: "caught-up", position };
      }
      await this.sleep(seen, signal);
    }
  }
}
