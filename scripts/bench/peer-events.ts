import type { StoredEvent } from "../../events/envelope.ts";
import { applyEvent, initialState, type ParleyState } from "../../projections/index.ts";
import { negotiationOf } from "../../src/engine/negotiation.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";

/** What the Emmett peers store: Parley's envelope as the data of an event of the same type. */
export type PeerEvent = { type: string; data: Record<string, unknown> };

/** What getSQLiteEventStore does with a stream name: the part before the first dash is its type. */
export const streamType = (stream: string) => {
  const [first, ...rest] = stream.split("-");
  return first && rest.length > 0 ? first : "emt:unknown";
};

export const toPeer = ({ type, position: _p, streamVersion: _v, recordedAt: _r, ...envelope }: StoredEvent): PeerEvent => ({ type, data: envelope });

/** The same events as Parley's store holds, read back in position order, 1,000 at a time. */
export async function* sameEvents(parleyPath: string, limit: number): AsyncGenerator<StoredEvent[]> {
  const store = new SqliteEventStore(parleyPath);
  let batch: StoredEvent[] = [];
  for await (const read of store.readAll({ limit })) {
    for (const e of read) {
      batch.push(e);
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
  await store.close();
}

/** Each negotiation's state, folded from its streams' events with Parley's reducers, mutated in place (no immer). */
export class PeerFold {
  private readonly states = new Map<string, ParleyState>();
  count = 0;

  add(stream: string, type: string, data: Record<string, unknown>, globalPosition: bigint): void {
    const name = negotiationOf(stream);
    const state = this.states.get(name) ?? this.states.set(name, initialState()).get(name)!;
    applyEvent(state, { ...data, type, stream, position: Number(globalPosition) } as unknown as StoredEvent);
    this.count++;
  }
}
