import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { StateDocument } from "../../src/engine/document.ts";
import { BUNDLED_NEGOTIATION, bundledHistory } from "../../src/history.ts";
import { parley, tempDir } from "../support/cli.ts";
import { stanceInput } from "../support/events.ts";
import { FISHING, fishingOpened, fishingStance } from "../support/fishing.ts";

let dir: string;
let store: string;
const run = (...args: string[]) => parley(["--store", store, ...args]);

beforeAll(() => {
  dir = tempDir();
  store = `sqlite:${join(dir, "parley.db")}`;
  expect(run("seed").status).toBe(0);
});

describe("parley CLI over a seeded SQLite file", () => {
  it("seeds idempotently", () => {
    const again = run("seed");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("already loaded");
    expect(run("export").stdout.trim().split("\n")).toHaveLength(bundledHistory().length);
  });

  it("prints the state document with --json: 28 points on 21 Nov, 22 on 3 Dec", () => {
    const at = (date: string) => JSON.parse(run("state", "--at", date, "--json").stdout) as StateDocument;
    expect(at("2025-11-21").plans[0]!.pointCount).toBe(28);
    expect(at("2025-12-03").plans[0]!.pointCount).toBe(22);
  });

  it("prints a readable report with the stance matrix, meetings and disputes", () => {
    const { stdout, status } = run("state", "--at", "2025-12-03");
    expect(status).toBe(0);
    expect(stdout).toMatch(/US peace plan .*22 points, contents not disclosed/);
    // The matrix: a row per issue, a column per party, in the order the negotiation declares them.
    expect(stdout).toMatch(/^\s+us\s+russia\s+ukraine\s+europe$/m);
    expect(stdout).toMatch(/^\s+nato\s+unknown \[.*\]\s+rejects \[.*\]\s+supports \[.*\]\s+-$/m);
    expect(stdout).toContain("  us-mediation: The United States stays the mediator between Russia and Ukraine");
    expect(stdout).toMatch(/2025-12-02 .*held Kremlin, Moscow, about 5 h/);
    expect(stdout).toContain('"resigned" [001] vs "fired" [004]');
  });

  it("shows what the record showed before the reports: nothing", () => {
    const doc = JSON.parse(run("state", "--at", "2025-12-03", "--known-at", "2025-12-02", "--json").stdout) as StateDocument;
    expect(doc.plans).toEqual([]);
  });

  it("diffs two dates, naming the plan's change and the developments between", () => {
    const { stdout } = run("diff", "--from", "2025-11-21", "--to", "2025-12-03");
    expect(stdout).toMatch(/changed\s+plan:us-peace-plan: pointCount 28 -> 22 \(events [0-9a-f]{8}\)/);
    expect(stdout).toContain("meeting kremlin-2025-12-02 held in Kremlin, Moscow");
  });

  it("tells one point's story and the whole timeline, with sources", () => {
    const point = run("point", "us-peace-plan/nato");
    expect(point.stdout).toContain("proposed");
    expect(point.stdout).toContain("undisclosed");
    const history = run("history").stdout.split("\n");
    expect(history.find((l) => l.includes("alaska"))).toMatch(/^2025-08 /);
    expect(history.some((l) => l.startsWith("2025-11-23/2025-11-30") && l.includes("revised in Geneva"))).toBe(true);
    expect(run("point", "no-such-point").stderr).toContain("known: us-peace-plan/donbas");
  });

  it("replays every projection and reports events per second", () => {
    const { stdout, status } = run("replay");
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`replayed ${bundledHistory().length} events in [\\d.]+ s \\(\\d+ events/s\\)`));
  });

  it("appends a valid file, and refuses a file with a bad line naming it, writing nothing", () => {
    const good = join(dir, "good.ndjson");
    writeFileSync(good, `${JSON.stringify(stanceInput({ issue: "nato", position: "conditional" }))}\n`);
    expect(run("append", good, "--negotiation", BUNDLED_NEGOTIATION).status).toBe(0);
    const before = run("export").stdout;
    const bad = join(dir, "bad.ndjson");
    writeFileSync(
      bad,
      [stanceInput(), { ...stanceInput(), data: { party: "europe", issue: "nato", position: "perhaps" } }, stanceInput()].map((e) => JSON.stringify(e)).join("\n") + "\n",
    );
    const refused = run("append", bad, "--negotiation", BUNDLED_NEGOTIATION);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("line 2: data.position");
    expect(refused.stderr).toContain("nothing was written");
    expect(run("export").stdout).toBe(before);
  });

  it("exports and imports NDJSON with order, ids and transaction times preserved; a second import adds nothing", () => {
    const file = join(dir, "export.ndjson");
    expect(run("export", file).status).toBe(0);
    const copy = `sqlite:${join(dir, "copy.db")}`;
    expect(parley(["--store", copy, "import", file]).status).toBe(0);
    expect(parley(["--store", copy, "export"]).stdout).toBe(readFileSync(file, "utf8"));
    expect(parley(["--store", copy, "import", file]).status).toBe(0);
    expect(parley(["--store", copy, "export"]).stdout).toBe(readFileSync(file, "utf8"));
  });

  it("keeps transaction time the store's: import refuses one in the future, append refuses any", () => {
    const [first] = run("export").stdout.trim().split("\n");
    // An edited line of an export fails its hash chain; without the hash it is imported as a new event, and checked as one.
    const { hash: _hash, ...exported } = JSON.parse(first!) as { recordedAt: string; hash: string };
    expect(Date.parse(exported.recordedAt)).toBeLessThanOrEqual(Date.now());
    const target = `sqlite:${join(dir, "future.db")}`;
    const future = join(dir, "future.ndjson");
    writeFileSync(future, `${JSON.stringify({ ...exported, recordedAt: "2999-01-01T00:00:00.000Z" })}\n`);
    const refused = parley(["--store", target, "import", future]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("line 1: recordedAt: a transaction time cannot be in the future");
    expect(parley(["--store", target, "export"]).stdout).toBe("");
    const backdated = join(dir, "backdated.ndjson");
    writeFileSync(backdated, `${JSON.stringify({ ...stanceInput(), recordedAt: "2020-01-01T00:00:00.000Z" })}\n`);
    const append = parley(["--store", target, "append", backdated]);
    expect(append.status).toBe(1);
    expect(append.stderr).toMatch(/line 1: .*recordedAt/);
  });

  it("refuses an import with a truncated last line, naming it, and imports nothing", () => {
    const lines = run("export").stdout.trim().split("\n");
    const file = join(dir, "truncated.ndjson");
    writeFileSync(file, `${lines.slice(0, 5).join("\n")}\n${lines[5]!.slice(0, 40)}`);
    const target = `sqlite:${join(dir, "truncated.db")}`;
    const refused = parley(["--store", target, "import", file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 6, column \d+: truncated last line/);
    expect(parley(["--store", target, "export"]).stdout).toBe("");
  });

  // Seventeen CLI processes, each starting tsx: minutes, not seconds, on a loaded 2-core machine.
  it("keeps negotiations apart: opens one, appends into it, lists them, and answers about one; a name the store lacks is refused", { timeout: 300_000 }, () => {
    const several = `sqlite:${join(dir, "several.db")}`;
    const cli = (...args: string[]) => parley(["--store", several, ...args]);
    expect(cli("seed").status).toBe(0);
    const file = join(dir, "fishing.ndjson");
    writeFileSync(file, [fishingOpened, fishingStance({ terms: "a 16.5% share" })].map((e) => JSON.stringify(e)).join("\n") + "\n");
    expect(cli("append", file, "--negotiation", FISHING).status).toBe(0);

    const listed = JSON.parse(cli("negotiations", "--json").stdout) as { name: string; developments: number; from: string; parties: { id: string }[] }[];
    expect(listed.map((n) => [n.name, n.developments])).toEqual([
      [FISHING, 1],
      [BUNDLED_NEGOTIATION, JSON.parse(cli("history", "--negotiation", BUNDLED_NEGOTIATION, "--json").stdout).length],
    ]);
    expect(listed[0]!.from).toBe("2026-03-02T00:00:00.000Z");
    expect(listed[0]!.parties.map((p) => p.id)).toEqual(["norway", "iceland", "faroes"]);
    expect(cli("negotiations").stdout).toMatch(/^fishing-2026\s+1 development\s+2026-03-02\s+North Atlantic mackerel dispute$/m);

    const fishing = cli("state", "--at", "2026-03-31", "--negotiation", FISHING);
    expect(fishing.stdout).toMatch(/^\s+norway\s+iceland\s+faroes$/m);
    expect(fishing.stdout).toMatch(/^\s+quota\s+-\s+rejects \[Harbour Gazette\]\*\s+-$/m);
    expect(fishing.stdout).not.toMatch(/nato|russia/);
    const ukraine = JSON.parse(cli("state", "--at", "2025-12-03", "--negotiation", BUNDLED_NEGOTIATION, "--json").stdout) as StateDocument;
    expect(ukraine.plans[0]!.pointCount).toBe(22);
    expect(ukraine.vocabulary.parties.map((p) => p.id)).toEqual(["us", "russia", "ukraine", "europe"]);

    // An unknown party, and a negotiation never opened, are refused naming the field and what is known; nothing is written.
    const before = cli("export").stdout;
    const israel = join(dir, "israel.ndjson");
    writeFileSync(israel, `${JSON.stringify(fishingStance({ party: "israel" }))}\n`);
    const unknownParty = cli("append", israel, "--negotiation", FISHING);
    expect(unknownParty.status).toBe(1);
    expect(unknownParty.stderr).toContain("line 1: data.party: unknown party 'israel' in negotiation 'fishing-2026'; it knows: norway, iceland, faroes; nothing was written");
    const unopened = cli("append", israel, "--negotiation", "whaling");
    expect(unopened.stderr).toContain("line 1: negotiation: negotiation 'whaling' was never opened");
    expect(unopened.stderr).toMatch(/opened negotiations: fishing-2026, ukraine-2025/);
    const unnamed = cli("append", israel);
    expect(unnamed.stderr).toContain("line 1: negotiation: name the negotiation to write into");
    expect(cli("export").stdout).toBe(before);
    for (const name of ["", "a:b"]) {
      const refused = cli("append", file, "--negotiation", name);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`negotiation: '${name}' is not a negotiation name`);
    }
    expect(cli("export").stdout).toBe(before);

    const typo = cli("state", "--negotiation", "fishing");
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain("no negotiation 'fishing' in the store; it holds: fishing-2026, ukraine-2025");
  });

  it("rejects a bad date with a message naming it", () => {
    const { status, stderr } = run("state", "--at", "2025-02-30");
    expect(status).toBe(1);
    expect(stderr).toContain("at: '2025-02-30' is not a date");
  });
});
