import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN, authorised, getJson, post, startServer, type TestServer } from "../support/http-helpers.ts";
import { draftedEvent } from "../support/events.ts";
import { FISHING, fishingOpened, fishingReport, fishingStance } from "../support/fishing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seeded: false, defaultNegotiation: undefined });
  expect(
    (await post(server.url, { negotiation: FISHING, events: [fishingOpened, fishingStance({ position: "rejects", speaker: "Bjarni Benediktsson" }), fishingReport()] })).status,
  ).toBe(201);
});
afterAll(() => server.close());

async function dryRun(body: unknown, query = "dryRun=true", headers: Record<string, string> = authorised) {
  const res = await fetch(`${server.url}/api/events?${query}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
const batch = (...events: unknown[]) => ({ negotiation: FISHING, events });
/** Every way to read the head: the engine's, the store's, and what /healthz publishes. */
const heads = async () => [server.chronicle.head, await server.chronicle.store.headPosition(), (await getJson(`${server.url}/healthz`)).body.position];

describe("POST /api/events?dryRun=true", () => {
  it("shows the state change at the end of the event's valid time and writes nothing: the head is where it was", async () => {
    const before = await heads();
    const { status, body } = await dryRun(batch(fishingStance({ position: "supports", occurredAt: "2026-03-10", speaker: "Bjarni Benediktsson" })));
    expect(status).toBe(200);
    expect(body.dryRun).toBe(true);
    expect(body.changes).toHaveLength(1);
    expect(body.changes[0]).toMatchObject({ negotiation: FISHING, at: "2026-03-10T23:59:59.999Z", validTime: "2026-03-10" });
    const stance = body.changes[0].changes.find((c: any) => c.key === "stance:iceland/quota");
    expect(stance).toMatchObject({ change: "changed", before: { position: "rejects" }, after: { position: "supports" } });
    expect(body.changes[0].lines).toContain("stance iceland/quota: position rejects → supports from 2026-03-10");
    expect(await heads()).toEqual(before);
    expect(before[0]).toBe(3);
    expect((await getJson(`${server.url}/api/state?negotiation=${FISHING}&at=2026-03-10`)).body.stances[0].position).toBe("rejects");
  });

  it("predicts what the real append then does", async () => {
    const event = fishingStance({ party: "norway", position: "conditional", occurredAt: "2026-03-12", speaker: "Bjarni Benediktsson" });
    const preview = await dryRun(batch(event));
    const predicted = preview.body.changes[0].changes.find((c: any) => c.key === "stance:norway/quota");
    expect(predicted).toMatchObject({ change: "added", before: null, after: { position: "conditional" } });
    expect(preview.body.changes[0].lines).toContain("stance norway/quota: added from 2026-03-12");
    expect((await post(server.url, batch(event))).status).toBe(201);
    const state = (await getJson(`${server.url}/api/state?negotiation=${FISHING}&at=2026-03-12`)).body;
    expect(state.stances.find((s: any) => s.party === "norway").position).toBe(predicted.after.position);
  });

  it("warns of a single source, a date wider than a day, a contradicting claim and a person not on record", async () => {
    const { body } = await dryRun(
      batch(
        fishingStance({ party: "faroes", position: "rejects", occurredAt: "2026-03", reportedAt: "2026-03-31", speaker: "Aksel Johannesen" }),
        fishingReport({ claim: "the Faroese fleet kept within its quota", outlets: ["Harbour Gazette", "Dimmalætting"] }),
      ),
    );
    const kinds = body.warnings.map((w: any) => `${w.kind} ${w.path}`);
    expect(kinds).toEqual(
      expect.arrayContaining(["single-source events[0].sources", "wide-date events[0].occurredAt", "dispute events[1].data.claim", "new-person events[0].data"]),
    );
    // Two outlets and a day-precise date: neither warning for the report; the speaker already on record is no new person.
    expect(kinds).not.toContain("single-source events[1].sources");
    expect(kinds).not.toContain("wide-date events[1].occurredAt");
    expect(body.warnings.filter((w: any) => w.kind === "new-person").map((w: any) => w.message)).toEqual([expect.stringContaining("'Aksel Johannesen' is not yet on record")]);
    expect(body.warnings.find((w: any) => w.kind === "dispute").message).toContain("'catch-2025' would become a dispute");
  });

  it("refuses what a real append refuses, with the same answer, and writes nothing", async () => {
    const before = await heads();
    for (const bad of [batch(fishingStance({ party: "greenland" })), batch(fishingStance(), draftedEvent(["occurredAt"])), { events: [fishingStance()] }]) {
      const dry = await dryRun(bad);
      const real = await post(server.url, bad);
      expect(dry.status).toBe(400);
      expect(dry).toEqual({ status: real.status, body: real.body });
    }
    expect(await heads()).toEqual(before);
  });

  it("needs the write token and a dryRun of true or false", async () => {
    expect((await dryRun(batch(fishingStance()), "dryRun=true", { "content-type": "application/json" })).status).toBe(401);
    expect((await dryRun(batch(fishingStance()), "dryRun=true", { ...authorised, authorization: `Bearer x${TOKEN}` })).status).toBe(403);
    const typo = await dryRun(batch(fishingStance()), "dryRun=yes");
    expect(typo.status).toBe(400);
    expect(typo.body.issues[0].path).toBe("dryRun");
    const misspelt = await dryRun(batch(fishingStance()), "dryrun=true");
    expect(misspelt.status).toBe(400);
  });

  it("is in the OpenAPI document", async () => {
    const { body } = await getJson(`${server.url}/api/openapi.json`);
    expect(body.paths["/api/events"].post.parameters).toEqual([expect.objectContaining({ name: "dryRun", in: "query", required: false })]);
    expect(body.components.schemas.Preview.required).toEqual(["dryRun", "changes", "warnings"]);
  });
});
