import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ProposedEvent } from "../../src/intake/proposal.ts";
import { parley, tempDir } from "../support/cli.ts";
import { seedFile } from "../support/intake.ts";

/** Every line must be a whole proposed event: envelope, sources with verbatim quotes, and the draft annotation. */
const lines = (ndjson: string) =>
  ndjson
    .trim()
    .split("\n")
    .map((l) => ProposedEvent.parse(JSON.parse(l)));

/** A store loaded with the bundled history: drafting links names to what it holds. */
let store: string;
beforeAll(() => {
  store = `sqlite:${join(tempDir(), "parley.db")}`;
  expect(parley(["--store", store, "seed"]).status).toBe(0);
});
const draftCli = (...args: string[]) => parley(["--store", store, "draft", ...args]);

describe("parley draft, through the real binary", () => {
  it("writes NDJSON drafts to stdout and a summary to stderr", () => {
    const { status, stdout, stderr } = draftCli(seedFile("000"), "--published", "2025-12-03", "--outlet", "Seed 000", "--negotiation", "ukraine-2025");
    expect(status).toBe(0);
    const drafts = lines(stdout);
    expect(drafts.some((d) => d.type === "MeetingHeld" && d.occurredAt.date === "2025-12-02")).toBe(true);
    expect(drafts.some((d) => d.type === "MeetingScheduled")).toBe(true);
    expect(stderr).toMatch(new RegExp(`drafted ${drafts.length} events: .*MeetingHeld`));
    expect(stderr).toMatch(/still need fields checked or filled/);
  });

  it("writes the same drafts to --out and nothing to stdout", () => {
    const out = join(tempDir(), "drafts.ndjson");
    const { status, stdout } = draftCli(
      seedFile("004"),
      "--published",
      "2025-12-03",
      "--outlet",
      "Seed 004",
      "--title",
      "Live feed",
      "--url",
      "https://example.org/004",
      "--negotiation",
      "ukraine-2025",
      "--out",
      out,
    );
    expect(status).toBe(0);
    expect(stdout).toBe("");
    const drafts = lines(readFileSync(out, "utf8"));
    expect(drafts.find((d) => d.type === "OfficialLeftOffice")!.data.manner).toBe("fired");
    expect(drafts[0]!.sources[0]).toMatchObject({ title: "Live feed", url: "https://example.org/004" });
  });

  it("refuses a bad publication date, a missing article and an unknown negotiation, with a clear message", () => {
    const date = draftCli(seedFile("000"), "--published", "3 Dec 2025", "--outlet", "x", "--negotiation", "ukraine-2025");
    expect(date.status).toBe(1);
    expect(date.stderr).toContain("publishedAt must be a date (YYYY-MM-DD)");
    const missing = draftCli("no-such-article.txt", "--published", "2025-12-03", "--outlet", "x", "--negotiation", "ukraine-2025");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot read the article 'no-such-article.txt'");
    const unknown = draftCli(seedFile("000"), "--published", "2025-12-03", "--outlet", "x", "--negotiation", "gaza-2026");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("no negotiation 'gaza-2026' in the store; it holds: ukraine-2025");
    expect(draftCli(seedFile("000"), "--published", "2025-12-03", "--outlet", "x").stderr).toContain("--negotiation");
    expect(draftCli(seedFile("000"), "--published", "2025-12-03", "--negotiation", "ukraine-2025").stderr).toContain("--outlet");
  });
});
