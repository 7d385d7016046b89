import { setTimeout as sleep } from "node:timers/promises";
import type { StoredEvent } from "../../../events/envelope.ts";
import type { SubscriptionMessage } from "../port.ts";

/** A backend's raw feed: what "caught up" means now, and the events after a position. */
export interface CatchUpSource {
  /** The global position of the newest event stored right now (0 when none). */
  head(): Promise<number>;
  /** Events after `after` (the backend may repeat some at or before it), in order, then live ones; ends or throws when the connection drops. */
  events(after: number, signal: AbortSignal): AsyncIterable<StoredEvent>;
}

export interface RetryPolicy {
  /** Whether an error is a dropped connection worth retrying, not a real failure. */
  isTransient(err: unknown): boolean;
  /** How long to wait before reconnect attempt `attempt` (0-based since the last event). */
  delayMs(attempt: number): number;
}

export const defaultDelay = (attempt: number): number => Math.min(5_000, 100 * 2 ** attempt);

/**
 * Turns a raw feed into the port's subscription: the backlog, one "caught-up" when the
 * head seen at the start has been delivered, then live events. When the connection drops
 * it reconnects after the last delivered position, with backoff; anything the backend
 * re-sends at or before that position is dropped, so no event is delivered twice and none
 * is skipped. It ends when `signal` aborts; a non-transient error is thrown to the caller.
 */
export async function* catchUp(source: CatchUpSource, options: { after?: number; signal: AbortSignal; retry: RetryPolicy }): AsyncIterable<SubscriptionMessage> {
  const { signal, retry } = options;
  let last = options.after ?? 0;
  // The head is asked for inside the retry loop, so a subscription opened while the server is down waits for it.
  let head: number | undefined;
  let caughtUp = false;
  let attempt = 0;
  while (!signal.aborted) {
    try {
      if (head === undefined) {
        head = await source.head();
        // Closing the client can end a read quietly, with nothing read: that is no head to be caught up with.
        if (signal.aborted) return;
        caughtUp = head <= last;
        if (caughtUp) yield { kind: "caught-up", position: last };
      }
      for await (const event of source.events(last, signal)) {
        if (event.position <= last) continue;
        attempt = 0;
        last = event.position;
        yield { kind: "event", event };
        if (!caughtUp && last >= head) {
          caughtUp = true;
          yield { kind: "caught-up", position: last };
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      if (!retry.isTransient(err)) throw err;
    }
    // A feed that ended or dropped while nobody asked it to stop: reconnect after a pause.
    if (!(await pause(retry.delayMs(attempt++), signal))) return;
  }
}

/** Waits, unless aborted first; says whether to go on. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
