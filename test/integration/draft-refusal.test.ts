import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NEGOTIATION } from "../../src/history.ts";
import { post, startServer, type TestServer } from "../support/http-helpers.ts";
import { parley, tempDir } from "../support/cli.ts";
import { draftedEvent, reviewedEvent } from "../support/events.ts";
import { draftSeed } from "../support/intake.ts";

/** The words the issue asks for, for a draft that still needs its date and its meeting checked. */
const refusal = `this is a draft still to review: check or fill occurredAt, data.meetingId, then remove "draft"`;

describe("parley append refuses a draft still under review", () => {
  let dir: string;
  const run = (...args: string[]) => parley(["--store", `sqlite:${join(dir, "parley.db")}`, ...args]);
  beforeAll(() => {
    dir = tempDir();
    expect(run("seed").status).toBe(0);
  });

  it("names the line and the draft's needs, and writes nothing of the file", () => {
    const before = run("export").stdout;
    const file = join(dir, "drafts.ndjson");
    writeFileSync(file, [reviewedEvent(), draftedEvent(["occurredAt", "data.meetingId"])].map((e) => JSON.stringify(e)).join("\n") + "\n");
    const refused = run("append", file, "--negotiation", BUNDLED_NEGOTIATION);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`line 2: draft: ${refusal}`);
    expect(refused.stderr).toContain("nothing was written");
    expect(run("export").stdout).toBe(before);
  });

  it("refuses what `parley draft` wrote, as it stands, then takes it once reviewed", () => {
    // Umerov's appointment: a draft that needs nothing filled, only the analyst's look.
    const drafted = draftSeed("001").find((d) => d.type === "OfficialAppointed" && d.draft.needs.length === 0)!;
    const file = join(dir, "seed-draft.ndjson");
    writeFileSync(file, JSON.stringify(drafted) + "\n");
    const refused = run("append", file, "--negotiation", BUNDLED_NEGOTIATION);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`line 1: draft: this is a draft still to review: check it, then remove "draft"`);
    const { draft: _reviewed, ...event } = drafted;
    writeFileSync(file, JSON.stringify({ ...event, occurredAt: event.occurredAt.date }) + "\n");
    const taken = run("append", file, "--negotiation", BUNDLED_NEGOTIATION);
    expect(taken.stderr).toBe("");
    expect(taken.status).toBe(0);
  });
});

describe("POST /api/events refuses a draft still under review", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer()));
  afterAll(() => server.close());

  it("answers 400 naming the needs, for one event and within a batch, and the head does not move", async () => {
    const head = server.chronicle.head;
    const one = await post(server.url, draftedEvent(["occurredAt", "data.meetingId"]));
    expect(one.status).toBe(400);
    expect(one.body.issues).toEqual([{ path: "draft", message: refusal }]);
    const batch = await post(server.url, { negotiation: BUNDLED_NEGOTIATION, events: [reviewedEvent(), draftedEvent(["occurredAt", "data.meetingId"])] });
    expect(batch.status).toBe(400);
    expect(batch.body.issues).toEqual([{ path: "events[1].draft", message: refusal }]);
    expect(batch.body.error).toContain("nothing was written");
    const bare = await post(server.url, draftedEvent([]));
    expect(bare.body.issues).toEqual([{ path: "draft", message: `this is a draft still to review: check it, then remove "draft"` }]);
    expect(server.chronicle.head).toBe(head);
    expect(await server.chronicle.store.headPosition()).toBe(head);
  });
});
