import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, authorised, getJson, startServer, type TestServer } from "../support/http-helpers.ts";
import { parley, tempDir } from "../support/cli.ts";
import { seedFile, seedText } from "../support/intake.ts";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const article = { text: seedText("000"), publishedAt: "2025-12-03", outlet: "Seed 000", title: "Kremlin talks", url: "https://example.org/000", negotiation: "ukraine-2025" };

async function postDrafts(body: unknown, headers: Record<string, string> = authorised) {
  const res = await fetch(`${server.url}/api/drafts`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe("POST /api/drafts", () => {
  it("returns the drafts and summary `parley draft` gives for the same article and store, and writes nothing", async () => {
    const head = await server.chronicle.store.headPosition();
    const { status, body } = await postDrafts(article);
    expect(status).toBe(200);
    const cli = parley([
      "--store",
      `sqlite:${server.path}`,
      "draft",
      seedFile("000"),
      "--published",
      "2025-12-03",
      "--outlet",
      "Seed 000",
      "--title",
      "Kremlin talks",
      "--url",
      "https://example.org/000",
      "--negotiation",
      "ukraine-2025",
    ]);
    expect(cli.status).toBe(0);
    expect(body.drafts).toEqual(
      cli.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    );
    expect(cli.stderr).toContain(body.summary);
    expect(body.drafts.some((d: any) => d.type === "MeetingHeld" && d.occurredAt.date === "2025-12-02")).toBe(true);
    expect(await server.chronicle.store.headPosition()).toBe(head);
  });

  it("needs the write token", async () => {
    expect((await postDrafts(article, { "content-type": "application/json" })).status).toBe(401);
    expect((await postDrafts(article, { ...authorised, authorization: `Bearer not-${TOKEN}` })).status).toBe(403);
  });

  it("answers 400 naming the field, and lists the negotiations the record holds for an unknown one", async () => {
    const { outlet: _, ...noOutlet } = article;
    const missing = await postDrafts(noOutlet);
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: any) => i.path)).toEqual(["outlet"]);
    const date = await postDrafts({ ...article, publishedAt: "3 Dec 2025" });
    expect(date.body.issues).toEqual([{ path: "publishedAt", message: "publishedAt must be a date (YYYY-MM-DD)" }]);
    const empty = await postDrafts({ ...article, text: "" });
    expect(empty.body.issues.map((i: any) => i.path)).toEqual(["text"]);
    const extra = await postDrafts({ ...article, author: "someone" });
    expect(extra.status).toBe(400);
    const unknown = await postDrafts({ ...article, negotiation: "gaza-2026" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: "negotiation", message: "no negotiation 'gaza-2026' in the record; it holds: ukraine-2025" }]);
  });

  it("refuses an article over 200 kB with 413 and a message, never a truncated draft; the CLI refuses it too", async () => {
    const long = "The delegations met in Geneva on Tuesday. ".repeat(5000);
    expect(Buffer.byteLength(long)).toBeGreaterThan(200_000);
    const refused = await postDrafts({ ...article, text: long });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toContain("drafting reads at most 200000 bytes (200 kB) and never truncates");
    expect(refused.body.issues[0].path).toBe("text");
    const file = join(tempDir(), "long.txt");
    writeFileSync(file, long);
    const cli = parley(["--store", `sqlite:${server.path}`, "draft", file, "--published", "2025-12-03", "--outlet", "x", "--negotiation", "ukraine-2025"]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toBe("");
    expect(cli.stderr).toContain(`the article is ${Buffer.byteLength(long)} bytes`);
  });

  it("is in the OpenAPI document, with its request schema", async () => {
    const { body } = await getJson(`${server.url}/api/openapi.json`);
    const post = body.paths["/api/drafts"].post;
    expect(post.security).toEqual([{ bearer: [] }]);
    expect(post.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["text", "publishedAt", "outlet", "negotiation"]));
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["200", "400", "413"]));
  });
});
