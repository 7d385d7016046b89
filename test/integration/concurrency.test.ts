import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { authorised, post, startServer, SseClient, type TestServer } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";
import { killIfRunning, runParley, startParleyServer } from "../support/parley-process.ts";

const dir = mkdtempSync(join(tmpdir(), "parley-concurrency-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("concurrent writers over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("50 appends to one stream at the same expected version: one 201, 49 409s, no gap, no duplicate", async () => {
    const stream = "analyst-race";
    // The server files writes that name no negotiation under the bundled one, prefixing the stream.
    const stored = `ukraine-2025:${stream}`;
    const first = await post(server.url, { stream, expectedVersion: "no_stream", events: [stanceInput({ speaker: "opener" })] });
    expect(first.status).toBe(201);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(server.url, { stream, expectedVersion: 0, events: [stanceInput({ speaker: `racer ${i}` }), stanceInput({ speaker: `racer ${i}, second event` })] }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of replies.filter((r) => r.status === 409)) expect(r.body).toMatchObject({ stream: stored, expected: 0, actual: 2 });

    const events = await server.chronicle.store.readStream(stored);
    expect(events.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
    const winner = (events[1]!.data as { speaker: string }).speaker;
    expect(events[2]!.data).toMatchObject({ speaker: `${winner}, second event` });
    expect(events[2]!.position).toBe(events[1]!.position + 1);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it("the same event id sent 20 times at once is stored once: one 201, the retries 200 with its position", async () => {
    const id = randomUUID();
    const before = await server.chronicle.store.headPosition();
    const replies = await Promise.all(Array.from({ length: 20 }, () => post(server.url, stanceInput({ id, speaker: "sent twenty times" }))));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(replies.map((r) => r.body.position))).toEqual(new Set([before + 1]));
    expect(await server.chronicle.store.headPosition()).toBe(before + 1);
    expect(server.chronicle.events.filter((e) => e.id === id)).toHaveLength(1);
  });
});

describe("two Parley processes on one SQLite file: a server taking writes and a CLI import", () => {
  const db = join(dir, "shared.db");
  const IMPORTED = 2000;

  /** Every event in the file, straight from SQLite. */
  const rows = () => {
    const conn = new Database(db, { readonly: true });
    try {
      return conn.prepare("SELECT position, id, stream, stream_version AS version FROM events ORDER BY position").all() as {
        position: number;
        id: string;
        stream: string;
        version: number;
      }[];
    } finally {
      conn.close();
    }
  };

  it("neither corrupts the file nor interleaves a batch, and the server sees the import", async () => {
    const importIds = Array.from({ length: IMPORTED }, () => randomUUID());
    const lines = importIds.map((id, i) => JSON.stringify({ ...stanceInput({ id, speaker: `imported ${i}` }), stream: `ukraine-2025:import-${i % 3}` }));
    writeFileSync(join(dir, "import.ndjson"), lines.join("\n") + "\n");

    const server = await startParleyServer(`sqlite:${db}`, { PARLEY_API_TOKEN: "shared-file-token", PARLEY_NEGOTIATION: "ukraine-2025" });
    onTestFinished(() => killIfRunning(server.child));
    const headers = { ...authorised, authorization: "Bearer shared-file-token" };
    const batches: { position: number; ids: string[] }[] = [];
    let importing = true;
    // Writes batches of three until the import is done, then five more.
    const writer = (async () => {
      for (let afterImport = 0; afterImport < 5; afterImport += importing ? 0 : 1) {
        const ids = [randomUUID(), randomUUID(), randomUUID()];
        const reply = await post(
          server.url,
          { stream: "http-writer", events: ids.map((id, i) => stanceInput({ id, speaker: `http batch ${batches.length}, event ${i}` })) },
          headers,
        );
        expect(reply.status).toBe(201);
        batches.push({ position: reply.body.position, ids });
      }
    })();
    const imported = await runParley(["--store", `sqlite:${db}`, "import", join(dir, "import.ndjson")]);
    importing = false;
    await writer;
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);

    const all = rows();
    const conn = new Database(db, { readonly: true });
    expect(conn.pragma("integrity_check", { simple: true })).toBe("ok");
    conn.close();

    // The import is one batch: its events sit side by side, in file order, with no HTTP write between them.
    const position = new Map(all.map((r) => [r.id, r.position]));
    const importPositions = importIds.map((id) => position.get(id));
    expect(importPositions.every((p) => p !== undefined)).toBe(true);
    const firstImported = importPositions[0]!;
    expect(importPositions).toEqual(importIds.map((_, i) => firstImported + i));
    // Each HTTP batch too, at the position it was acknowledged with.
    for (const b of batches) expect(b.ids.map((id) => position.get(id))).toEqual([b.position - 2, b.position - 1, b.position]);
    // The writes really overlapped the import: some HTTP batches landed before it, some after.
    expect(batches.some((b) => b.position < firstImported)).toBe(true);
    expect(batches.some((b) => b.position > firstImported + IMPORTED)).toBe(true);
    const earlier = batches.filter((b) => b.position < firstImported).length;
    console.log(`two processes: ${batches.length} HTTP batches of 3 (${earlier} before the import's ${IMPORTED} events, ${batches.length - earlier} after), integrity_check ok`);
    // Every stream's versions run 0, 1, 2, … in position order: no gap, no duplicate.
    const versions = new Map<string, number[]>();
    for (const r of all) versions.set(r.stream, [...(versions.get(r.stream) ?? []), r.version]);
    for (const [, list] of versions) expect(list).toEqual(list.map((_, i) => i));
    expect(new Set(all.map((r) => r.position)).size).toBe(all.length);

    // The server follows writes made by the other process: its live stream reaches the file's head.
    const head = all.at(-1)!.position;
    const live = await SseClient.open(`${server.url}/api/subscribe?after=${head - 1}`);
    await live.until((c) => c.messages.some((m) => m.event === "ready" && Number(m.id) === head));
    live.close();
    expect(await server.stop()).toBe(0);
  });
});
