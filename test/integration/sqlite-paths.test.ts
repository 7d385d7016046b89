import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEvent } from "../../events/envelope.ts";
import { VersionConflictError } from "../../src/store/port.ts";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import { analystSource, pending, stanceInput } from "../support/events.ts";

const fresh = () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), "parley-sqlite-paths-")), "parley.db"));

describe("the SQLite store's append and read paths", () => {
  it("gives back sources exactly, whether the repaired quote equals the original or not", async () => {
    const store = fresh();
    const dirty = { ...analystSource, quote: "Kyivโ€™s envoy said soย it went well." };
    const events = [parseEvent(stanceInput()), parseEvent({ ...stanceInput(), sources: [analystSource, dirty] })];
    await store.append("party-europe", events, "any");
    const read = await store.readStream("party-europe");
    expect(read.map((e) => e.sources)).toEqual(events.map((e) => e.sources));
    expect(read[1]!.sources[1]!.quoteClean).toMatch(/^Kyiv’s envoy said so\s+it went well\.$/);
    await store.close();
  });

  it("commits appends made at once together, yet each succeeds or fails on its own", async () => {
    const store = fresh();
    await store.append("s-taken", [pending("s-taken")], "no_stream");
    const outcomes = await Promise.allSettled([
      store.append("s-one", [pending("s-one")], "no_stream"),
      store.append("s-taken", [pending("s-taken", 1)], "no_stream"),
      store.append("s-two", [pending("s-two"), pending("s-two", 1)], "no_stream"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    expect((await store.readStream("s-taken")).length).toBe(1);
    expect((await store.readStream("s-two")).map((e) => e.streamVersion)).toEqual([0, 1]);
    await store.close();
  });

  it("treats a retried append as done, even with the expected version it first had", async () => {
    const store = fresh();
    const event = pending("s-retry");
    const first = await store.append("s-retry", [event], "no_stream");
    expect(await store.append("s-retry", [event], "no_stream")).toEqual({ ...first, duplicates: 1 });
    expect((await store.readStream("s-retry")).length).toBe(1);
    await store.close();
  });
});
