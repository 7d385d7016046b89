import { isDeepStrictEqual } from "node:util";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { naiveStateAt } from "./naive.ts";
import { questions, type Question } from "./questions.ts";
import { peakRssMb, percentile, perSecond, round2, timed, timedAsync } from "./stats.ts";

export interface EngineFigures {
  rebuildEventsPerSec: number;
  negotiations: number;
  stateAtP50Ms: number;
  stateAtP99Ms: number;
  knownAtP50Ms: number;
  knownAtP99Ms: number;
  stateAtNaiveP50Ms: number;
  naiveQuestions: number;
  naiveAgrees: boolean;
  documentKbP50: number;
  documentKbP99: number;
  backfillP50Ms: number;
  backfillP99Ms: number;
  rssMb: number;
}

export interface EngineSamples {
  questions: number;
  naive: number;
  backfills: number;
}

export const ask = (c: Chronicle, q: Question, knownAt: boolean) => c.asOf({ negotiation: q.negotiation, ...(knownAt ? { knownAt: q.knownAt } : {}) }).state(q.at);

/**
 * Latencies of `run` over every question, in ms. Each series starts from a collected heap:
 * the rebuild leaves hundreds of MB of garbage whose collection would otherwise land on
 * whichever series runs first. What the queries themselves cause to be collected counts.
 */
export function latencies(qs: readonly Question[], run: (q: Question) => unknown): number[] {
  globalThis.gc?.();
  return qs.map((q) => timed(() => run(q))[1]);
}

/** A late report of an old development: the write, its durable commit and ingestion, then the first query after it. */
async function backfills(chronicle: Chronicle, qs: readonly Question[]): Promise<number[]> {
  const reportedAt = new Date().toISOString().slice(0, 10);
  const out: number[] = [];
  for (const q of qs) {
    const input = {
      type: "StatementMade",
      occurredAt: q.pastDay,
      reportedAt,
      sources: [{ outlet: "Reuters", quote: "An aide said the talks had been constructive, months after they took place." }],
      data: { speaker: "A late source", party: "europe", summary: "a development reported months later", issues: ["territory"] },
    };
    const endOfDay = `${q.pastDay}T23:59:59.999Z`;
    const [, ms] = await timedAsync(async () => {
      await chronicle.record([input], { negotiation: q.negotiation });
      chronicle.asOf({ negotiation: q.negotiation }).state(q.at > endOfDay ? q.at : endOfDay);
    });
    out.push(ms);
  }
  return out;
}

/**
 * The engine over the loaded store: a rebuild from nothing (read every event, index it,
 * fold every negotiation into its checkpoints), then queries as the API serves them —
 * `stateAt` for one negotiation, rendered to the state document — and the same answered
 * by a full replay, which must agree.
 */
export async function measureEngine(path: string, events: number, samples: EngineSamples): Promise<EngineFigures> {
  const store = new SqliteEventStore(path);
  const [chronicle, rebuildMs] = await timedAsync(() => Chronicle.open(store));
  for (const q of questions(events, 200, 2)) ask(chronicle, q, true);
  const qs = questions(events, samples.questions, 3);
  const stateAt = latencies(qs, (q) => ask(chronicle, q, false));
  const knownAt = latencies(qs, (q) => ask(chronicle, q, true));
  const naiveQs = qs.slice(0, samples.naive);
  const naive = latencies(naiveQs, (q) => naiveStateAt(chronicle.events, q.negotiation, q.at));
  const naiveAgrees = naiveQs.every(
    (q) =>
      isDeepStrictEqual(ask(chronicle, q, false), naiveStateAt(chronicle.events, q.negotiation, q.at)) &&
      isDeepStrictEqual(ask(chronicle, q, true), naiveStateAt(chronicle.events, q.negotiation, q.at, q.knownAt)),
  );
  const sizes = qs.slice(0, 200).map((q) => JSON.stringify(ask(chronicle, q, false)).length / 1024);
  const backfill = await backfills(chronicle, questions(events, samples.backfills, 4));
  const figures = {
    rebuildEventsPerSec: perSecond(events, rebuildMs),
    negotiations: chronicle.negotiations().length,
    stateAtP50Ms: round2(percentile(stateAt, 50)),
    stateAtP99Ms: round2(percentile(stateAt, 99)),
    knownAtP50Ms: round2(percentile(knownAt, 50)),
    knownAtP99Ms: round2(percentile(knownAt, 99)),
    stateAtNaiveP50Ms: round2(percentile(naive, 50)),
    naiveQuestions: naiveQs.length,
    naiveAgrees,
    documentKbP50: Math.round(percentile(sizes, 50)),
    documentKbP99: Math.round(percentile(sizes, 99)),
    backfillP50Ms: round2(percentile(backfill, 50)),
    backfillP99Ms: round2(percentile(backfill, 99)),
    rssMb: peakRssMb(),
  };
  await chronicle.close();
  await store.close();
  return figures;
}
