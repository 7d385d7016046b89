import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IdPositions } from "../../src/store/id-positions.ts";
import { LogIndex } from "../../src/store/log-index.ts";

/** The table beside the truth it stands for: position → id, as the store's rows would confirm. */
function tableOf(count: number) {
  const ids = new IdPositions();
  const rows = new Map<number, string>();
  for (let position = 1; position <= count; position++) {
    const id = randomUUID();
    rows.set(position, id);
    ids.add(id, position);
  }
  const holds = (position: number, id: string) => rows.get(position) === id;
  return { ids, rows, holds };
}

describe("the id index", () => {
  it("finds every id it holds through growth, and no id it does not", () => {
    const { ids, rows, holds } = tableOf(20_000);
    for (const [position, id] of rows) expect(ids.find(id, holds)).toBe(position);
    for (let i = 0; i < 1000; i++) expect(ids.find(randomUUID(), holds)).toBeUndefined();
    expect(ids.bytes).toBe(2 ** 16 * 8);
  });

  it("asks the rows about every entry sharing the hash, and answers only what they confirm", () => {
    const { ids, holds } = tableOf(10);
    const id = randomUUID();
    ids.add(id, 11);
    ids.add(id, 12);
    // Row 11 holds something else: the entry is a candidate, not an answer.
    expect(ids.find(id, (position) => position === 12)).toBe(12);
    expect(ids.find(id, holds)).toBeUndefined();
  });

  it("takes entries back in any order, and every other id is still found", () => {
    const { ids, rows, holds } = tableOf(5000);
    const removed = [...rows.keys()].filter((p) => p % 3 === 0).reverse();
    for (const position of removed) {
      ids.remove(rows.get(position)!, position);
      rows.delete(position);
    }
    for (const [position, id] of rows) expect(ids.find(id, holds)).toBe(position);
  });
});

describe("the log index", () => {
  it("undoes a rolled-back write's ids and stream versions, latest first, and keeps what was settled", () => {
    const index = new LogIndex();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const rows = new Map([
      [1, a],
      [2, b],
      [3, c],
    ]);
    const holds = (position: number, id: string) => rows.get(position) === id;
    index.learn(1, a, "s", 0);
    const mark = index.mark();
    index.write(2, b, "s", 1);
    index.write(3, c, "t", 0);
    expect([index.headOf("s"), index.headOf("t"), index.through]).toEqual([1, 0, 3]);
    index.undo(mark);
    expect([index.headOf("s"), index.headOf("t"), index.through]).toEqual([0, undefined, 1]);
    expect(index.ids.find(b, holds)).toBeUndefined();
    expect(index.ids.find(a, holds)).toBe(1);
    index.write(2, b, "s", 1);
    index.settle();
    index.undo(0);
    expect([index.headOf("s"), index.through, index.ids.find(b, holds)]).toEqual([1, 2, 2]);
  });
});
