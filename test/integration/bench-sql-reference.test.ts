import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReference, stanceMatrix } from "../../scripts/bench/sql-reference.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { openingInput, stanceInput } from "../support/events.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-sql-reference-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bench's one-query SQL reference", () => {
  it("answers the stance matrix as the domain defines it: latest in valid time wins, per negotiation, and knownAt leaves out what was reported later", async () => {
    const store = new SqliteEventStore(join(dir, "parley.db"));
    const chronicle = await Chronicle.open(store);
    await chronicle.record([openingInput("geneva"), openingInput("istanbul")]);
    await chronicle.record(
      [
        stanceInput({ party: "europe", issue: "nato", position: "supports", occurredAt: "2025-12-01", reportedAt: "2025-12-01" }),
        stanceInput({ party: "europe", issue: "nato", position: "rejects", occurredAt: "2025-12-10", reportedAt: "2025-12-10" }),
        // Stated in November, reported only in January.
        stanceInput({ party: "russia", issue: "nato", position: "conditional", occurredAt: "2025-11-20", reportedAt: "2026-01-15" }),
      ],
      { negotiation: "geneva" },
    );
    await chronicle.record([stanceInput({ party: "europe", issue: "nato", position: "mixed", occurredAt: "2025-12-05", reportedAt: "2025-12-05" })], { negotiation: "istanbul" });
    const sorted = (rows: string[][]) => [...rows].sort((a, b) => a.join("/").localeCompare(b.join("/")));
    const early = { negotiation: "geneva", at: "2025-12-05T23:59:59.999Z" };
    const late = { negotiation: "geneva", at: "2025-12-31T23:59:59.999Z" };
    const knownByYearEnd = { ...late, knownAt: "2025-12-31T23:59:59.999Z" };
    const questions = [early, late, knownByYearEnd];
    const parley = questions.map((q) =>
      sorted(
        chronicle
          .asOf({ negotiation: q.negotiation, ...("knownAt" in q ? { knownAt: q.knownAt as string } : {}) })
          .state(q.at)
          .stances.map((s) => [s.party, s.issue, s.position]),
      ),
    );
    await chronicle.close();
    await store.close();

    const db = buildReference(join(dir, "parley.db"), join(dir, "reference.db"));
    const matrix = stanceMatrix(db);
    expect(sorted(matrix(early))).toEqual([
      ["europe", "nato", "supports"],
      ["russia", "nato", "conditional"],
    ]);
    expect(sorted(matrix(late))).toEqual([
      ["europe", "nato", "rejects"],
      ["russia", "nato", "conditional"],
    ]);
    expect(matrix(knownByYearEnd)).toEqual([["europe", "nato", "rejects"]]);
    expect(matrix({ negotiation: "istanbul", at: late.at })).toEqual([["europe", "nato", "mixed"]]);
    // The same questions put to Parley give the same matrix (its answer carries much more besides).
    expect(questions.map((q) => sorted(matrix(q)))).toEqual(parley);
    db.close();
  });
});
