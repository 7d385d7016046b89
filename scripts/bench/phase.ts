/**
 * One phase of the benchmark, run by scripts/bench.ts in a fresh process so that each
 * has its own heap and its own peak memory, and the peer never runs in Parley's shadow.
 */
import { measurePeer } from "./emmett.ts";
import { appendBatches, measureAppends } from "./parley-append.ts";
import { measureEngine, type EngineSamples } from "./parley-engine.ts";
import { measureAtPeerSize } from "./parley-peer-size.ts";
import { measurePostgres } from "./parley-postgres.ts";
import type { PostgresPeerFigures } from "./report.ts";
import { measureSqlReference } from "./sql-reference.ts";
import { measureSse } from "./sse.ts";

export interface PhaseOptions {
  dir: string;
  events: number;
  /** Emmett appends a few thousand events a second here: it gets the first this many. */
  peerEvents: number;
  samples: EngineSamples & { sseAppends: number };
  /** The PostgreSQL database this run may fill, when there is one. */
  database?: string;
}

/** A package of its own (see its package.json): named through a variable, so type-checking the bench never needs it installed. */
const POSTGRES_PEER = "./emmett-postgresql/peer.ts";
type PostgresPeer = { measure(parleyPath: string, database: string, limit: number): Promise<PostgresPeerFigures> };

export const phases = {
  append: (o: PhaseOptions) => measureAppends(o.dir, o.events),
  appendBatches: async (o: PhaseOptions) => ({ appendBatchEventsPerSec: await appendBatches(`${o.dir}/parley.db`, o.events) }),
  peer: (o: PhaseOptions) => measurePeer(o.dir, `${o.dir}/parley.db`, o.peerEvents),
  parleyAtPeerSize: (o: PhaseOptions) => measureAtPeerSize(o.dir, o.events, o.peerEvents),
  sqlReference: async (o: PhaseOptions) => measureSqlReference(`${o.dir}/parley.db`, o.dir, o.events, o.samples.questions),
  engine: (o: PhaseOptions) => measureEngine(`${o.dir}/parley.db`, o.events, o.samples),
  sse: (o: PhaseOptions) => measureSse(`${o.dir}/parley.db`, o.events, o.samples.sseAppends),
  postgres: (o: PhaseOptions) => measurePostgres(`${o.dir}/parley.db`, o.database!, o.events, o.samples.questions),
  peerPostgres: async (o: PhaseOptions) => ((await import(POSTGRES_PEER)) as PostgresPeer).measure(`${o.dir}/parley.db`, o.database!, o.peerEvents),
};

if (process.send) {
  const [name, options] = process.argv.slice(2) as [keyof typeof phases, string];
  const result = await phases[name](JSON.parse(options));
  process.send(result, () => process.exit(0));
}
