import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/engine/effect.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { naiveStateAt } from "../../scripts/bench/naive.ts";
import { questions } from "../../scripts/bench/questions.ts";
import { syntheticHistory } from "../../scripts/bench/synthetic-history.ts";
import { byStream } from "../../scripts/bench/parley-append.ts";
import { correctionInput, openingInput, stanceInput, TEST_NEGOTIATION } from "../support/events.ts";
import { filingInput } from "../support/filing.ts";

const EVENTS = 4000;

/** The synthetic history written to a store, and two engines over it: one that followed the writes, one opened after. */
async function bothWays(): Promise<{ live: Chronicle; opened: Chronicle }> {
  const store = new MemoryEventStore();
  const live = await Chronicle.open(store);
  for (const batch of syntheticHistory(EVENTS, 250)) await store.appendMany(byStream(batch));
  while (live.head < (await store.headPosition())) await new Promise((r) => setTimeout(r, 5));
  const opened = await Chronicle.open(store, { follow: false });
  return { live, opened };
}

describe("many negotiations in one store", () => {
  it("answers per negotiation the same whether the engine followed the writes or read the store at once, and as a full replay does", async () => {
    const { live, opened } = await bothWays();
    expect(opened.negotiations().sort()).toEqual(live.negotiations().sort());
    for (const q of questions(EVENTS, 40, 11)) {
      const scoped = { negotiation: q.negotiation };
      const known = { ...scoped, knownAt: q.knownAt };
      const replayed = naiveStateAt(opened.events, q.negotiation, q.at);
      expect(opened.asOf(scoped).state(q.at)).toEqual(replayed);
      expect(live.asOf(scoped).state(q.at)).toEqual(replayed);
      const replayedKnown = naiveStateAt(opened.events, q.negotiation, q.at, q.knownAt);
      expect(opened.asOf(known).state(q.at)).toEqual(replayedKnown);
      expect(live.asOf(known).state(q.at)).toEqual(replayedKnown);
      expect(opened.asOf(known).history({ to: q.at })).toEqual(live.asOf(known).history({ to: q.at }));
    }
    await live.close();
  });

  it("still answers for the whole record when no negotiation is named", async () => {
    const { live, opened } = await bothWays();
    for (const q of questions(EVENTS, 5, 12)) {
      expect(opened.asOf().state(q.at)).toEqual(live.asOf().state(q.at));
      expect(opened.asOf({ knownAt: q.knownAt }).state(q.at)).toEqual(live.asOf({ knownAt: q.knownAt }).state(q.at));
    }
    await live.close();
  });

  it("records into a named negotiation, keeps negotiations apart, and applies a correction to its target's negotiation", async () => {
    const chronicle = await Chronicle.open(new MemoryEventStore());
    await chronicle.record([openingInput("geneva-track"), openingInput("istanbul-track")]);
    const [a] = await chronicle.record([stanceInput({ party: "russia", issue: "nato", position: "rejects" })], { negotiation: "geneva-track" });
    await chronicle.record([stanceInput({ party: "russia", issue: "nato", position: "undecided" })], { negotiation: "istanbul-track" });
    const target = chronicle.events.find((e) => e.position === a!.position)!;
    expect(target.stream).toBe("geneva-track:party-russia");
    await chronicle.record([correctionInput(target.id, { position: "conditional" })]);
    const position = (negotiation: string) => chronicle.asOf({ negotiation }).state("2025-12-31").stances[0]!.position;
    expect(position("geneva-track")).toBe("conditional");
    expect(position("istanbul-track")).toBe("undecided");
    expect(chronicle.asOf({ negotiation: "geneva-track", knownAt: "2025-12-05" }).state("2025-12-31").stances[0]!.position).toBe("rejects");
    expect(chronicle.negotiations().sort()).toEqual(["geneva-track", "istanbul-track"]);
    expect(chronicle.asOf({ negotiation: "no-such-talks" }).state("2025-12-31").stances).toEqual([]);
    await chronicle.close();
  });

  it("tells what each event changed in its own negotiation, a correction in the negotiation of the event it corrects", async () => {
    const chronicle = await Chronicle.open(new MemoryEventStore());
    await chronicle.record([openingInput("geneva-track"), openingInput("istanbul-track")]);
    const seen: Effect[] = [];
    const stop = chronicle.onEffect({
      changed: (c) => seen.push(c),
      failed: (_, error) => {
        throw error;
      },
    });
    const [a] = await chronicle.record([stanceInput({ party: "russia", issue: "nato", position: "rejects" })], { negotiation: "geneva-track" });
    await chronicle.record([stanceInput({ party: "russia", issue: "nato", position: "undecided" })], { negotiation: "istanbul-track" });
    const target = chronicle.events.find((e) => e.position === a!.position)!;
    await chronicle.record([correctionInput(target.id, { position: "conditional" })]);
    const summary = seen.map((c) => c.changes.map((s) => [c.event.stream, s.key, s.change, s.before?.position ?? null, s.after?.position ?? null]));
    expect(summary).toEqual([
      [["geneva-track:party-russia", "stance:russia/nato", "added", null, "rejects"]],
      // The same key in another negotiation is a stance of its own, not a change of Geneva's.
      [["istanbul-track:party-russia", "stance:russia/nato", "added", null, "undecided"]],
      [["corrections", "stance:russia/nato", "changed", "rejects", "conditional"]],
    ]);
    expect(seen[2]!.at).toBe("2025-12-06T23:59:59.999Z");
    stop();
    await chronicle.record([stanceInput({ party: "us", issue: "nato" })], { negotiation: "geneva-track" });
    expect(seen).toHaveLength(3);
    await chronicle.close();
  });

  it("refuses a negotiation name that would not survive in a stream name", async () => {
    const chronicle = await Chronicle.open(new MemoryEventStore());
    await expect(chronicle.record([stanceInput()], { negotiation: "a:b" })).rejects.toThrow(/negotiation/);
    expect(() => chronicle.asOf({ negotiation: "a:b" }).state()).toThrow(/negotiation/);
    await chronicle.close();
  });
});

describe("filed sources and the reference replay", () => {
  it("keeps a filing out of the state's position, as the full replay does, now and as known before", async () => {
    const chronicle = await Chronicle.open(new MemoryEventStore(), { defaultNegotiation: TEST_NEGOTIATION });
    await chronicle.record([openingInput(), stanceInput({ occurredAt: "2025-12-01", reportedAt: "2025-12-01" })]);
    // Filed after the stance, dated later: it is evidence, not a development, so no state moves to its position.
    await chronicle.record([filingInput()]);
    for (const knownAt of [undefined, "2025-12-31"]) {
      const engine = chronicle.asOf({ negotiation: TEST_NEGOTIATION, ...(knownAt ? { knownAt } : {}) }).state("2025-12-31");
      expect(engine).toEqual(naiveStateAt(chronicle.events, TEST_NEGOTIATION, "2025-12-31T23:59:59.999Z", knownAt && "2025-12-31T23:59:59.999Z"));
      expect(engine.position).toBe(2);
    }
    await chronicle.close();
  });
});
