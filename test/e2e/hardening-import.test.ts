import Database from "better-sqlite3";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openingInput, stanceInput, TEST_NEGOTIATION } from "../support/events.ts";
import { runParley } from "../support/parley-process.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-import-"));
const db = join(dir, "parley.db");
const store = `sqlite:${db}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many events the file holds, read straight from SQLite rather than through Parley. */
const stored = () => {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  } finally {
    conn.close();
  }
};

const line = (speaker: string) => JSON.stringify({ ...stanceInput({ party: "us", issue: "territory", speaker }), stream: `${TEST_NEGOTIATION}:party-us` });
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const importFile = (path: string) => runParley(["--store", store, "import", path]);

beforeAll(async () => {
  const first = await importFile(file("good.ndjson", `${JSON.stringify(openingInput())}\n${line("one")}\n${line("two")}\n`));
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(stored()).toBe(3);
});

describe("parley import: one bad line and nothing is imported", () => {
  it("a line that is not JSON, in the middle: names its line and column", async () => {
    const text = [line("a"), line("b"), '{"type": "StanceStated", "occurredAt": }', line("d"), line("e")].join("\n") + "\n";
    const { code, stderr } = await importFile(file("broken.ndjson", text));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^parley: line 3, column 40: /);
    expect(stored()).toBe(3);
  });

  it("a line that is JSON but not a valid event, in the middle: names its line and the field", async () => {
    const bad = JSON.stringify({ ...stanceInput(), stream: `${TEST_NEGOTIATION}:party-atlantis`, data: { party: "atlantis", issue: "nato", position: "supports" } });
    const { code, stderr } = await importFile(file("invalid.ndjson", [line("a"), line("b"), bad, line("d")].join("\n") + "\n"));
    expect(code).toBe(1);
    expect(stderr).toContain("line 3: data.party: unknown party 'atlantis' in negotiation 'test-talks'; it knows: us, russia, ukraine, europe");
    expect(stderr).toContain("nothing was written");
    expect(stored()).toBe(3);
  });

  it("a truncated last line (the file stops mid-event): reported as truncated, not skipped", async () => {
    const whole = [line("a"), line("b"), line("c")].join("\n");
    const { code, stderr } = await importFile(file("truncated.ndjson", whole.slice(0, whole.length - 25)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 3, column \d+: truncated last line/);
    expect(stored()).toBe(3);
  });

  it("a complete last line without a final newline is imported", async () => {
    const { code, stdout } = await importFile(file("no-newline.ndjson", [line("x"), line("y")].join("\n")));
    expect(code).toBe(0);
    expect(stdout).toContain("imported 2 events");
    expect(stored()).toBe(5);
  });
});
