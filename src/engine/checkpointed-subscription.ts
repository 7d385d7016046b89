import type { StoredEvent } from "../../events/envelope.ts";
import type { EventStore, SubscriptionMessage } from "../store/port.ts";
import type { Checkpoint, CheckpointStore } from "./checkpoints.ts";

/** Whether an event comes from the backlog or arrived after the consumer caught up. */
export type Phase = "catching-up" | "live";

export interface CheckpointedConsumer {
  /** Names the checkpoint; one per consumer. */
  name: string;
  /** Applies one event. The checkpoint moves past it only once this resolves. */
  handle(event: StoredEvent, phase: Phase): Promise<void> | void;
  signal?: AbortSignal;
}

/** The pure step: what a subscription message means for a consumer that has handled up to `last`. */
export function admit(last: number, live: boolean, message: SubscriptionMessage): { deliver?: StoredEvent; live: boolean } {
  if (message.kind === "caught-up") return { live: true };
  // A backend that re-sends an event at or before the checkpoint must not apply it twice.
  if (message.event.position <= last) return { live };
  return { deliver: message.event, live };
}

/** A checkpoint taken on one record (say SQLite, before a migration) offered to another, whose positions mean something else. */
export class ForeignCheckpointError extends Error {
  constructor(
    readonly consumer: string,
    readonly saved: string | undefined,
    readonly store: string,
  ) {
    super(
      `checkpoint '${consumer}' was saved on ${saved ?? "an unrecorded backend (before Parley recorded one)"}, not on ${store}: its position means nothing here. ` +
        "Delete it to have the consumer start from the beginning (handling every event again), or point the consumer back at its own store",
    );
    this.name = "ForeignCheckpointError";
  }
}

/** The position to resume from: 0 without a checkpoint, the saved one if it is this store's, else a refusal. */
export function resumeFrom(checkpoint: Checkpoint | undefined, consumer: string, store: EventStore): number {
  if (!checkpoint) return 0;
  if (checkpoint.backend !== store.identity) throw new ForeignCheckpointError(consumer, checkpoint.backend, store.identity);
  return checkpoint.position;
}

/**
 * Runs a consumer (a durable projection, a notifier) over any store's subscription from
 * its saved checkpoint: each event after the checkpoint is handled once, in order, and
 * the checkpoint saved after it. Stopping (abort) and starting again, or a dropped
 * subscription followed by a restart, neither skips nor repeats an event. The one window
 * left is a crash after `handle` took effect and before the checkpoint was written: a
 * consumer that must never see that event again keeps its effect and its position in one
 * transaction (a CheckpointStore of its own can do exactly that).
 * A checkpoint saved on another record (another backend, another database) is refused.
 * Resolves when the signal aborts; rejects if the subscription fails, and may then be restarted.
 */
export async function runCheckpointed(store: EventStore, checkpoints: CheckpointStore, consumer: CheckpointedConsumer): Promise<void> {
  let last = resumeFrom(await checkpoints.load(consumer.name), consumer.name, store);
  let live = false;
  const options = consumer.signal ? { after: last, signal: consumer.signal } : { after: last };
  for await (const message of store.subscribe(options)) {
    if (consumer.signal?.aborted) return;
    const step = admit(last, live, message);
    live = step.live;
    if (!step.deliver) continue;
    await consumer.handle(step.deliver, live ? "live" : "catching-up");
    last = step.deliver.position;
    await checkpoints.save(consumer.name, { position: last, backend: store.identity });
  }
}
