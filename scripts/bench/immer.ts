/**
 * What immer would cost the engine's fold: `npx tsx scripts/bench/immer.ts [events] [queries]`.
 *
 * Folds a synthetic history (every negotiation in valid-time order, a snapshot every 256
 * events, all snapshots kept, as the engine keeps them) three ways, then answers random
 * questions from those snapshots (the nearest one, then at most 255 events on top):
 * - engine: plain mutation of a private working copy; snapshots share unchanged parts by
 *   hand (`src/engine/snapshot.ts`); a question folds into a `workingCopy` of its snapshot;
 * - immer per event: `produce` around each event, every state frozen and shared by immer;
 * - immer per run: `produce` around each run of 256 events, and around each question's fold;
 * - engine without dispatch: as the engine, but every event given to every recipe, as the
 *   fold did before `handles` (what dispatching by type saves).
 * Prints, for each, the best events/s and questions/s of three interleaved rounds, and the heap
 * its snapshots hold.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { produce } from "immer";
import type { StoredEvent } from "../../events/envelope.ts";
import { applyEvent, initialState, projectionNames, timelineProjections, type ParleyState } from "../../projections/index.ts";
import { negotiationOf } from "../../src/engine/negotiation.ts";
import { freezeEvent, snapshotOf, workingCopy } from "../../src/engine/snapshot.ts";
import { Random } from "./random.ts";
import { syntheticHistory } from "./synthetic-history.ts";

const SPACING = 256;
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const [events = 100_000, queries = 5_000] = process.argv.slice(2).map(Number);
const ROUNDS = 3;

/** Only what the timeline folds: declarations, filings and corrections never reach it. */
const folded = new Set<string>(projectionNames.flatMap((n) => timelineProjections[n].handles));

function timelines(): StoredEvent[][] {
  const byNegotiation = new Map<string, StoredEvent[]>();
  let position = 0;
  for (const batch of syntheticHistory(events)) {
    for (const e of batch) {
      position++;
      if (!folded.has(e.type)) continue;
      const stored = freezeEvent({ ...e, position, streamVersion: 0, recordedAt: new Date(0).toISOString() });
      const name = negotiationOf(e.stream);
      const timeline = byNegotiation.get(name) ?? byNegotiation.set(name, []).get(name)!;
      timeline.push(stored);
    }
  }
  const start = (e: StoredEvent) => Date.parse(e.occurredAt.from);
  return [...byNegotiation.values()].map((es) => es.sort((a, b) => start(a) - start(b) || a.position - b.position));
}

interface Way {
  name: string;
  /** Every snapshot of one timeline: the state after 0, 256, 512, … events. */
  snapshots(timeline: StoredEvent[]): ParleyState[];
  /** The state after `count` events, from the snapshot before it. */
  stateAfter(timeline: StoredEvent[], snapshots: ParleyState[], count: number): ParleyState;
}

type Fold = (state: ParleyState, event: StoredEvent) => void;

const foldRange = (state: ParleyState, timeline: StoredEvent[], from: number, to: number, fold: Fold = applyEvent) => {
  for (let i = from; i < to; i++) fold(state, timeline[i]!);
};

/** Every recipe, whatever the event's type: each one's switch finds nothing to do for the rest. */
const everyRecipe: Fold = (state, event) => {
  for (const name of projectionNames) (timelineProjections[name].apply as (s: unknown, e: StoredEvent) => void)(state[name], event);
};

const plainFold = (name: string, fold: Fold): Way => ({
  name,
  snapshots(timeline) {
    const out = [initialState()];
    const working = workingCopy(out[0]!);
    for (let from = 0; from + SPACING <= timeline.length; from += SPACING) {
      foldRange(working, timeline, from, from + SPACING, fold);
      out.push(snapshotOf(working, out[out.length - 1]!));
    }
    return out;
  },
  stateAfter(timeline, snapshots, count) {
    const k = Math.floor(count / SPACING);
    const state = workingCopy(snapshots[k]!);
    foldRange(state, timeline, k * SPACING, count, fold);
    return state;
  },
});

const engine = plainFold("engine (plain fold + hand-made sharing)", applyEvent);
const withoutDispatch = plainFold("engine without dispatch by type", everyRecipe);

const immerStateAfter: Way["stateAfter"] = (timeline, snapshots, count) => {
  const k = Math.floor(count / SPACING);
  return produce(snapshots[k]!, (draft) => foldRange(draft, timeline, k * SPACING, count));
};

const perEvent: Way = {
  name: "immer, produce per event",
  snapshots(timeline) {
    const out = [initialState()];
    let state = out[0]!;
    for (let i = 0; i < timeline.length; i++) {
      state = produce(state, (draft) => applyEvent(draft, timeline[i]!));
      if ((i + 1) % SPACING === 0) out.push(state);
    }
    return out;
  },
  stateAfter: immerStateAfter,
};

const perRun: Way = {
  name: "immer, produce per run of 256",
  snapshots(timeline) {
    const out = [initialState()];
    for (let from = 0; from + SPACING <= timeline.length; from += SPACING) out.push(produce(out[out.length - 1]!, (draft) => foldRange(draft, timeline, from, from + SPACING)));
    return out;
  },
  stateAfter: immerStateAfter,
};

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

interface Figures {
  eventsPerSec: number;
  heldMb: number;
  questionsPerSec: number;
}

function measure(way: Way, all: StoredEvent[][]): Figures {
  const before = heapMb();
  const started = performance.now();
  const snapshots = all.map((t) => way.snapshots(t));
  const foldMs = performance.now() - started;
  const heldMb = heapMb() - before;
  const random = new Random(7);
  const asked = performance.now();
  for (let q = 0; q < queries; q++) {
    const i = random.int(0, all.length - 1);
    way.stateAfter(all[i]!, snapshots[i]!, random.int(0, all[i]!.length));
  }
  const askMs = performance.now() - asked;
  const total = all.reduce((n, t) => n + t.length, 0);
  return { eventsPerSec: total / (foldMs / 1000), heldMb, questionsPerSec: queries / (askMs / 1000) };
}

const number = (n: number) => Math.round(n).toLocaleString("en");

const all = timelines();
const ways = [engine, perEvent, perRun, withoutDispatch];
console.log(
  `${number(all.reduce((n, t) => n + t.length, 0))} folded events (of ${number(events)}) in ${all.length} negotiations; ${number(queries)} questions; best of ${ROUNDS} interleaved rounds (the machine is shared)`,
);
for (const way of ways) measure(way, all.slice(0, 20)); // warm every way's code before timing any
const rounds = Array.from({ length: ROUNDS }, () => ways.map((way) => measure(way, all)));
ways.forEach((way, w) => {
  const best = (pick: (f: Figures) => number) => Math.max(...rounds.map((r) => pick(r[w]!)));
  console.log(
    `${way.name.padEnd(42)} ${number(best((f) => f.eventsPerSec)).padStart(9)} events/s  snapshots hold ${rounds[0]![w]!.heldMb.toFixed(1).padStart(5)} MB` +
      `  ${number(best((f) => f.questionsPerSec)).padStart(7)} questions/s`,
  );
});
