import { describe, expect, it } from "vitest";
import { authorised, getJson, post, serveForFile, type TestServer } from "../support/http-helpers.ts";
import { bundledHistory } from "../../src/history.ts";
import { openingInput, stanceInput } from "../support/events.ts";

let server: TestServer;
let url: string;
serveForFile((s) => {
  server = s;
  url = s.url;
});

const head = async () => (await getJson(`${url}/healthz`)).body.position as number;

describe("reads", () => {
  it("GET /healthz reports the record's head", async () => {
    const { status, body } = await getJson(`${url}/healthz`);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "ok",
      problems: [],
      position: bundledHistory().length,
      events: bundledHistory().length,
      skippedEvents: 0,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("GET /api/state is the engine's state document: 28 points on 21 Nov, 22 on 3 Dec", async () => {
    const nov21 = await getJson(`${url}/api/state?at=2025-11-21`);
    expect(nov21.status).toBe(200);
    expect(nov21.body).toEqual(JSON.parse(JSON.stringify(server.chronicle.asOf().state("2025-11-21"))));
    expect(nov21.body.plans[0].pointCount).toBe(28);
    expect((await getJson(`${url}/api/state?at=2025-12-03`)).body.plans[0].pointCount).toBe(22);
  });

  it("GET /api/state with knownAt shows what the record held then: nothing was reported before 3 Dec", async () => {
    const { body } = await getJson(`${url}/api/state?at=2025-11-25&knownAt=2025-12-02`);
    expect(body.knownAt).toBe("2025-12-02T23:59:59.999Z");
    expect(body.plans).toEqual([]);
  });

  it("GET /api/state rejects a bad date with 400 naming the parameter", async () => {
    const { status, body } = await getJson(`${url}/api/state?at=2025-02-30`);
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: "at", message: expect.stringContaining("'2025-02-30' is not a date") }]);
  });

  it("GET /api/state rejects an unknown parameter instead of ignoring it", async () => {
    const { status, body } = await getJson(`${url}/api/state?at=2025-12-03&known_at=2025-12-01`);
    expect(status).toBe(400);
    expect(body.error).toContain("known_at");
  });

  it("GET /api/diff says what changed between two moments, with the events that changed it", async () => {
    const { status, body } = await getJson(`${url}/api/diff?from=2025-11-21&to=2025-12-03`);
    expect(status).toBe(200);
    const plan = body.changes.find((c: { key: string }) => c.key === "plan:us-peace-plan");
    expect(plan).toMatchObject({ change: "changed", before: { pointCount: 28 }, after: { pointCount: 22 } });
    expect(plan.eventIds.length).toBeGreaterThan(0);
    expect(body.events.map((e: { eventId: string }) => e.eventId)).toEqual(expect.arrayContaining(plan.eventIds));
  });

  it("GET /api/diff without `to` is a 400 naming it", async () => {
    const { status, body } = await getJson(`${url}/api/diff?from=2025-11-21`);
    expect(status).toBe(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
  });

  it("GET /api/events pages by position with no gap and no repeat", async () => {
    const seen: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const { status, body } = await getJson(`${url}/api/events?limit=10&after=${after}`);
      expect(status).toBe(200);
      expect(body.events.length).toBeLessThanOrEqual(10);
      seen.push(...body.events.map((e: { position: number }) => e.position));
      after = body.next;
    }
    expect(seen).toEqual(server.chronicle.events.map((e) => e.position));
  });

  it("GET /api/events filters by stream and type", async () => {
    const { body } = await getJson(`${url}/api/events?stream=ukraine-2025:party-ukraine&type=StanceStated`);
    expect(body.events.length).toBeGreaterThan(0);
    for (const e of body.events) expect([e.stream, e.type]).toEqual(["ukraine-2025:party-ukraine", "StanceStated"]);
    expect(body.next).toBeNull();
  });

  it("GET /api/events filters by valid time, keeping an event dated only 'August' for a range inside August", async () => {
    const { body } = await getJson(`${url}/api/events?from=2025-08-15&to=2025-08-20`);
    expect(body.events.map((e: { data: { meetingId?: string } }) => e.data.meetingId)).toContain("alaska-summit-2025-08");
    for (const e of body.events) {
      expect(Date.parse(e.occurredAt.from)).toBeLessThanOrEqual(Date.parse("2025-08-20T23:59:59.999Z"));
      expect(Date.parse(e.occurredAt.to)).toBeGreaterThanOrEqual(Date.parse("2025-08-15T00:00:00Z"));
    }
  });

  it("GET /api/events names every bad parameter", async () => {
    const { status, body } = await getJson(`${url}/api/events?type=PlanLeaked&after=-1&limit=5000&from=yesterday`);
    expect(status).toBe(400);
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["after", "from", "limit", "type"]);
    expect(body.issues.find((i: { path: string }) => i.path === "type").message).toMatch(/known types: .*PlanPublished/);
  });

  it("GET /api/points/:id/history gives the point's timeline with sources, the id written plainly or with %2F", async () => {
    const plain = await getJson(`${url}/api/points/us-peace-plan/nato/history`);
    const encoded = await getJson(`${url}/api/points/us-peace-plan%2Fnato/history`);
    expect(plain.status).toBe(200);
    expect(encoded.body.point).toEqual(plain.body.point);
    expect(plain.body.point.status).toBe("undisclosed");
    expect(plain.body.events.map((e: { type: string }) => e.type)).toEqual(["PlanPublished", "PlanRevised"]);
    for (const e of plain.body.events) expect(e.sources.length).toBeGreaterThan(0);
    const before = await getJson(`${url}/api/points/us-peace-plan/nato/history?at=2025-11-21`);
    expect(before.body.point.status).toBe("proposed");
  });

  it("GET /api/points/:id/history is a 404 naming the id and the known points", async () => {
    const { status, body } = await getJson(`${url}/api/points/us-peace-plan/ceasefire/history`);
    expect(status).toBe(404);
    expect(body.error).toContain("us-peace-plan/ceasefire");
    expect(body.known).toContain("us-peace-plan/nato");
  });

  it("GET /api/meetings/:id gives the meeting, its documents and the events behind it", async () => {
    const { status, body } = await getJson(`${url}/api/meetings/kremlin-2025-12-02`);
    expect(status).toBe(200);
    expect(body.meeting).toMatchObject({ place: expect.stringContaining("Kremlin"), status: "held", durationHours: 5, date: "2025-12-02" });
    // The four documents rest on 004 alone, so they are their own event, linked to the meeting, not a field of it.
    expect(body.documents).toMatchObject([{ count: 4, corroboration: 1 }]);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["MeetingHeld", "DocumentsPresented"]));
  });

  it("GET /api/meetings/:id is a 404 listing the known meetings", async () => {
    const { status, body } = await getJson(`${url}/api/meetings/yalta-1945`);
    expect(status).toBe(404);
    expect(body.error).toContain("yalta-1945");
    expect(body.known).toContain("kremlin-2025-12-02");
  });

  it("GET /api/parties/:party gives its stances, people and meetings with the events behind them", async () => {
    const { status, body } = await getJson(`${url}/api/parties/ukraine`);
    expect(status).toBe(200);
    expect(body.stances.map((s: { issue: string }) => s.issue).sort()).toEqual(["military-limits", "nato", "territory"]);
    expect(body.people.map((p: { name: string }) => p.name)).toContain("Rustem Umerov");
    expect(body.events.length).toBeGreaterThan(0);
    for (const s of body.stances) for (const src of s.sources) expect(body.events.map((e: { eventId: string }) => e.eventId)).toContain(src.eventId);
  });

  it("GET /api/parties/:party is a 404 listing the parties", async () => {
    const { status, body } = await getJson(`${url}/api/parties/china`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: "no party 'china'", known: ["us", "russia", "ukraine", "europe"] });
  });

  it("GET /api/openapi.json describes every route and the public write contract from the zod schemas", async () => {
    const { status, body } = await getJson(`${url}/api/openapi.json`);
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/api/state", "/api/diff", "/api/events", "/api/points/{id}/history", "/api/meetings/{id}", "/api/parties/{party}", "/api/subscribe", "/healthz"]),
    );
    const data = (type: string) => body.components.schemas[`${type}Event`].properties.data;
    expect(Object.keys(data("StanceStated").properties)).toEqual(expect.arrayContaining(["party", "issue", "position", "speaker", "quote"]));
    expect(data("StanceStated").required).toEqual(["party", "issue", "position"]);
    // Parties are each negotiation's own: the schema checks the shape, the engine the vocabulary.
    expect(data("StanceStated").properties.party.enum).toBeUndefined();
    expect(data("StanceStated").properties.party.pattern).toEqual(expect.any(String));
    expect(data("StanceStated").properties.position.enum).toEqual(["supports", "conditional", "undecided", "mixed", "rejects", "withheld", "unknown"]);
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(["NegotiationOpenedEvent", "PartyAddedEvent", "IssueAddedEvent", "IssueRewordedEvent", "PlanReactionEvent"]),
    );
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/api/negotiations", "/api/negotiations/{id}"]));
    expect(data("MeetingScheduled").required).toEqual(["meetingId", "place", "date"]);
    expect(Object.keys(data("MeetingScheduled").properties)).toContain("participants");
    expect(Object.keys(data("MeetingHeld").properties)).toEqual(expect.arrayContaining(["meetingId", "place", "participants", "durationHours", "documentsPresented", "outcome"]));
    expect(body.paths["/api/events"].post.security).toEqual([{ bearer: [] }]);
  });

  it("serves the dashboard at / with a content security policy, and JSON 404s elsewhere", async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="app.js">');
    const missing = await getJson(`${url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain("/api/nothing-here");
  });
});

describe("writes", () => {
  it("401 without a token, with the scheme named; nothing written", async () => {
    const before = await head();
    const { status, headers, body } = await post(url, stanceInput(), { "content-type": "application/json" });
    expect(status).toBe(401);
    expect(headers.get("www-authenticate")).toContain("Bearer");
    expect(body.error).toContain("Authorization: Bearer");
    expect(await head()).toBe(before);
  });

  it("403 with a wrong token; nothing written", async () => {
    const before = await head();
    const { status } = await post(url, stanceInput(), { authorization: "Bearer not-the-token", "content-type": "application/json" });
    expect(status).toBe(403);
    expect(await head()).toBe(before);
  });

  it("201 with the position and stream version; the next read sees the event", async () => {
    const before = await head();
    const { status, body } = await post(url, stanceInput({ party: "europe", issue: "security-guarantees", position: "supports", speaker: "EU spokesperson" }));
    expect(status).toBe(201);
    expect(body.position).toBe(before + 1);
    expect(body.streamVersion).toBe((await server.chronicle.store.readStream("ukraine-2025:party-europe")).length - 1);
    const state = await getJson(`${url}/api/state?at=2025-12-06`);
    expect(state.body.stances.find((s: { party: string; issue: string }) => s.party === "europe" && s.issue === "security-guarantees")).toMatchObject({
      position: "supports",
      speaker: "EU spokesperson",
    });
  });

  it("400 naming the bad field, and nothing written", async () => {
    const before = await head();
    const { status, body } = await post(url, { ...stanceInput(), data: { party: "china", issue: "nato", position: "supports" } });
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: "data.party", message: "unknown party 'china' in negotiation 'ukraine-2025'; it knows: us, russia, ukraine, europe" }]);
    expect(body.error).toContain("nothing was written");
    expect(await head()).toBe(before);
  });

  it("400 for a bad date names occurredAt", async () => {
    const before = await head();
    const { status, body } = await post(url, stanceInput({ occurredAt: "2025-11-31" }));
    expect(status).toBe(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(["occurredAt"]);
    expect(await head()).toBe(before);
  });

  it("a batch with one bad event writes none of it, and names the event by index", async () => {
    const before = await head();
    const { status, body } = await post(url, { events: [stanceInput({ party: "us", issue: "nato" }), stanceInput({ position: "maybe" as never })] });
    expect(status).toBe(400);
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(["events[1].data.position"]);
    expect(await head()).toBe(before);
  });

  it("400 for a body that is not JSON, 415 for one that is not sent as JSON; nothing written", async () => {
    const before = await head();
    const broken = await post(url, '{"type": "StanceStated",');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toContain("not valid JSON");
    const form = await post(url, "type=StanceStated", { authorization: authorised.authorization, "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(await head()).toBe(before);
  });

  it("409 when the stream is not at the expected version; nothing written", async () => {
    const current = (await server.chronicle.store.readStream("ukraine-2025:party-russia")).length - 1;
    const before = await head();
    const stale = await post(url, { stream: "party-russia", expectedVersion: current - 1, events: [stanceInput({ party: "russia", issue: "nato", position: "rejects" })] });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ stream: "ukraine-2025:party-russia", expected: current - 1, actual: current });
    expect(await head()).toBe(before);
    const fresh = await post(url, { stream: "party-russia", expectedVersion: current, events: [stanceInput({ party: "russia", issue: "nato", position: "rejects" })] });
    expect(fresh.status).toBe(201);
    expect(fresh.body).toEqual({ position: before + 1, streamVersion: current + 1 });
  });

  it('"no_stream" creates a stream once; the second attempt is a 409', async () => {
    const batch = { stream: "analyst-notes", expectedVersion: "no_stream", events: [stanceInput()] };
    expect((await post(url, batch)).status).toBe(201);
    expect((await post(url, batch)).status).toBe(409);
  });

  it("a retry of a stored event (same id) is a 200 with the original position, writing nothing", async () => {
    const event = stanceInput({ id: "6f0d2f64-5d55-4b8e-9a55-3f4f3d7a1c11", party: "ukraine", issue: "security-guarantees", position: "supports" });
    const first = await post(url, event);
    expect(first.status).toBe(201);
    const before = await head();
    const retry = await post(url, event);
    expect(retry).toMatchObject({ status: 200, body: first.body });
    expect(await head()).toBe(before);
  });

  it("a batch can name its negotiation; /api/negotiations then lists it with its span, and reads can ask about it alone", async () => {
    const before = await head();
    const bad = await post(url, { negotiation: "geneva:track", events: [stanceInput()] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: "negotiation" })]);
    expect(await head()).toBe(before);

    const written = await post(url, {
      negotiation: "geneva-track",
      events: [openingInput("geneva-track"), stanceInput({ party: "russia", issue: "nato", position: "rejects", occurredAt: "2026-01-10", reportedAt: "2026-01-10" })],
    });
    expect(written.status).toBe(201);
    const { status, body } = await getJson(`${url}/api/negotiations`);
    expect(status).toBe(200);
    expect(body).toEqual(server.chronicle.negotiationSummaries());
    expect(body.find((n: { name: string }) => n.name === "geneva-track")).toMatchObject({
      name: "geneva-track",
      title: "Test talks",
      opened: true,
      events: 2,
      developments: 1,
      span: "2026-01-10",
      from: "2026-01-10T00:00:00.000Z",
      to: "2026-01-10T23:59:59.999Z",
    });
    // Long-standing positions have an open start ("before 20 Nov"); earlier tests here append in December.
    expect(body.find((n: { name: string }) => n.name === "ukraine-2025").span).toMatch(/^\.\.\/2025-12-\d\d$/);

    const geneva = (await getJson(`${url}/api/state?at=2026-01-31&negotiation=geneva-track`)).body;
    expect(geneva.plans).toEqual([]);
    expect(geneva.stances.map((x: { party: string; position: string }) => [x.party, x.position])).toEqual([["russia", "rejects"]]);
    expect((await getJson(`${url}/api/state?at=2026-01-31&negotiation=ukraine-2025`)).body.plans[0].pointCount).toBe(22);
    const one = await getJson(`${url}/api/negotiations/geneva-track`);
    expect(one.body.issues.map((i: { id: string }) => i.id)).toEqual(["nato", "territory", "security-guarantees", "military-limits"]);
    const none = await getJson(`${url}/api/negotiations/yalta`);
    expect(none.status).toBe(404);
    expect(none.body.known).toEqual(expect.arrayContaining(["geneva-track", "ukraine-2025"]));
  });
});
