import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../events/envelope.ts";
import { BUNDLED_NEGOTIATION } from "../../src/history.ts";
import { getJson, post, startServer, type TestServer } from "../support/http-helpers.ts";
import { parley, tempDir } from "../support/cli.ts";
import { FILED_ARTICLE, citingInput, digestOf, filingInput } from "../support/filing.ts";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const head = () => server.chronicle.store.headPosition();
/** The events a write appended after `position`, in order. */
const writtenAfter = (position: number) => server.chronicle.events.filter((e) => e.position > position);

describe("SourceFiled and citations by sourceId, over HTTP", () => {
  it("files a source and a stance citing it by id in one batch: metadata filled, quote placed with a TextQuoteSelector", async () => {
    const before = await head();
    const { status } = await post(server.url, { events: [filingInput(), citingInput("The Kremlin’s envoy said the draft was a basis for further work")] });
    expect(status).toBe(201);
    const [filing, stance] = writtenAfter(before) as [StoredEvent, StoredEvent];
    expect(stance.stream).toBe(`${BUNDLED_NEGOTIATION}:party-russia`);
    expect(stance.sources[0]).toMatchObject({
      sourceId: "test-wire-berlin",
      outlet: "Test Wire",
      title: "Fourth round in Berlin",
      publishedAt: "2025-12-05",
      url: "https://example.org/berlin",
      selector: {
        type: "TextQuoteSelector",
        exact: "The Kremlin’s envoy said the draft was a basis for further work",
        prefix: "ay for a fourth round of talks. ",
        suffix: ", while European officials insis",
      },
    });
    expect(filing.stream).toBe(`${BUNDLED_NEGOTIATION}:source-test-wire-berlin`);
    expect((filing.data as { text: string }).text).toBe(FILED_ARTICLE);
  });

  it("keeps the filing out of the developments, and cites a source on record from a later write, across a line break and in the mis-decoded form", async () => {
    const history = await getJson(`${server.url}/api/history?negotiation=${BUNDLED_NEGOTIATION}`);
    expect(history.body.some((e: { type: string }) => e.type === "SourceFiled")).toBe(false);
    const before = await head();
    const { status } = await post(server.url, { events: [citingInput("European officials insisted that any settlement"), citingInput("The Kremlinโ€™s envoy said")] });
    expect(status).toBe(201);
    const [overLineBreak, misDecoded] = writtenAfter(before) as [StoredEvent, StoredEvent];
    expect(overLineBreak.sources[0]!.selector).toEqual({
      type: "TextQuoteSelector",
      exact: "European officials insisted that any settlement",
      prefix: "a basis for further work, while ",
      suffix: " must include guarantees for Kyi",
    });
    expect(misDecoded.sources[0]!.selector?.exact).toBe("The Kremlin’s envoy said");
  });

  it("files an article whose outlet and title are unknown (null), as a scraped seed's are, and cites it", async () => {
    const before = await head();
    const filing = filingInput({ sourceId: "unsigned", outlet: null, title: null });
    const { status } = await post(server.url, { events: [filing, citingInput("a fourth round of talks", "unsigned")] });
    expect(status).toBe(201);
    expect(writtenAfter(before)[1]!.sources[0]).toMatchObject({ sourceId: "unsigned", outlet: null, title: null, selector: { exact: "a fourth round of talks" } });
    const missed = await post(server.url, { events: [citingInput("a fifth round", "unsigned")] });
    expect(missed.body.issues[0].message).toContain("source 'unsigned' (outlet unknown, untitled)");
  });

  it("refuses a quote that is not in the filed text, naming sources.N.quote with the batch index, and writes nothing", async () => {
    const before = await head();
    const { status, body } = await post(server.url, {
      events: [citingInput("European officials insisted that any settlement"), citingInput("The envoy rejected the draft outright.")],
    });
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: "events[1].sources.0.quote", message: expect.stringContaining("does not occur in the text of source 'test-wire-berlin'") }]);
    expect(await head()).toBe(before);
  });

  it("refuses a citation of a source never filed, and metadata that contradicts the filing", async () => {
    const before = await head();
    const unfiled = await post(server.url, { events: [citingInput("Anything at all.", "no-such-source")] });
    expect(unfiled.status).toBe(400);
    expect(unfiled.body.issues[0].path).toBe("events[0].sources.0.sourceId");
    expect(unfiled.body.issues[0].message).toContain("no source 'no-such-source' is filed");
    const contradicting = citingInput("The Kremlin’s envoy said");
    const outletClash = await post(server.url, { events: [{ ...contradicting, sources: [{ ...contradicting.sources[0], outlet: "Other Wire" }] }] });
    expect(outletClash.status).toBe(400);
    expect(outletClash.body.issues[0]).toEqual({ path: "events[0].sources.0.outlet", message: expect.stringContaining("was filed with 'Test Wire'") });
    expect(await head()).toBe(before);
  });

  it("refuses a text over 200 kB whole, with a message, never truncating it", async () => {
    const before = await head();
    const text = "x".repeat(200_001);
    const { status, body } = await post(server.url, { events: [filingInput({ sourceId: "too-long", text })] });
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: "events[0].data.text", message: expect.stringMatching(/200001 bytes.*at most 200000 bytes.*never truncated/) }]);
    expect(await head()).toBe(before);
    // The cap is inclusive: exactly 200 kB is filed, and kept whole.
    const full = await post(server.url, { events: [filingInput({ sourceId: "at-the-cap", text: "y".repeat(200_000) })] });
    expect(full.status).toBe(201);
    expect((writtenAfter(before)[0]!.data as { text: string }).text).toHaveLength(200_000);
  });

  it("refuses a sha256 that does not match the text, naming data.sha256, and a second filing under the same id", async () => {
    const before = await head();
    const wrong = await post(server.url, { events: [filingInput({ sourceId: "tampered", sha256: digestOf(`${FILED_ARTICLE} `) })] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([{ path: "events[0].data.sha256", message: expect.stringContaining(`whose SHA-256 is ${digestOf(FILED_ARTICLE)}`) }]);
    const again = await post(server.url, { events: [filingInput()] });
    expect(again.status).toBe(400);
    expect(again.body.issues[0].path).toBe("events[0].data.sourceId");
    expect(await head()).toBe(before);
  });
});

describe("SourceFiled through the CLI", () => {
  it("appends a filing and a citation, and refuses a quote not in the text, naming the line and field, writing nothing", () => {
    const dir = tempDir();
    const store = `sqlite:${join(dir, "cli.db")}`;
    const run = (...args: string[]) => parley(["--store", store, ...args]);
    expect(run("seed").status).toBe(0);
    const good = join(dir, "good.ndjson");
    writeFileSync(good, [filingInput({ sourceId: "cli-filed" }), citingInput("basis for further work", "cli-filed")].map((e) => JSON.stringify(e)).join("\n") + "\n");
    const appended = run("append", good, "--negotiation", BUNDLED_NEGOTIATION);
    expect(appended.status, appended.stderr).toBe(0);
    const exported = run("export")
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(exported.at(-1).sources[0].selector).toEqual({
      type: "TextQuoteSelector",
      exact: "basis for further work",
      prefix: "in’s envoy said the draft was a ",
      suffix: ", while European officials insis",
    });
    const bad = join(dir, "bad.ndjson");
    writeFileSync(bad, [citingInput("basis for further work", "cli-filed"), citingInput("a basis for nothing", "cli-filed")].map((e) => JSON.stringify(e)).join("\n") + "\n");
    const refused = run("append", bad, "--negotiation", BUNDLED_NEGOTIATION);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("sources.0.quote");
    expect(refused.stderr).toContain("does not occur in the text of source 'cli-filed'");
    expect(refused.stderr).toContain("nothing was written");
    expect(run("export").stdout.trim().split("\n")).toHaveLength(exported.length);
  });
});
