import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, startServer, type TestServer } from "../support/http-helpers.ts";
import { stanceInput } from "../support/events.ts";

/** GET /api/history: a basis (negotiation, knownAt), a valid-time range with both ends included, and pages linked by RFC 8288 headers. */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface Entry {
  eventId: string;
  type: string;
  occurredAtRange: { from: string | null; to: string | null };
  summary: string;
}

const nextOf = (link: string | null) => /<([^>]+)>;\s*rel="next"/.exec(link ?? "")?.[1];

async function allPages(path: string): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let pages = 0;
  for (let next: string | undefined = path; next; pages++) {
    const res = await fetch(`${server.url}${next}`);
    expect(res.status).toBe(200);
    entries.push(...((await res.json()) as Entry[]));
    next = nextOf(res.headers.get("link"));
  }
  return { entries, pages };
}

describe("GET /api/history", () => {
  it("keeps developments whose valid time overlaps the range, both days included", async () => {
    const all = (await getJson(`${server.url}/api/history?negotiation=ukraine-2025`)).body as Entry[];
    const { body, status } = await getJson(`${server.url}/api/history?negotiation=ukraine-2025&from=2025-11-20&to=2025-11-23`);
    expect(status).toBe(200);
    // An open end reaches every later day, an open start every earlier one.
    const overlaps = (e: Entry) => (e.occurredAtRange.to ?? "9999") >= "2025-11-20T00:00:00.000Z" && (e.occurredAtRange.from ?? "0000") <= "2025-11-23T23:59:59.999Z";
    expect((body as Entry[]).length).toBeGreaterThan(0);
    expect((body as Entry[]).length).toBeLessThan(all.length);
    // The same entries, in the same order, as the whole history cut by hand.
    expect(body).toEqual(all.filter(overlaps));
    // The Geneva talks began on 23 November: inside. The Kremlin meeting of 2 December is not.
    expect((body as Entry[]).some((e) => e.summary.toLowerCase().includes("geneva"))).toBe(true);
    expect(all.some((e) => e.summary.startsWith("meeting kremlin-2025-12-02"))).toBe(true);
    expect((body as Entry[]).some((e) => e.summary.startsWith("meeting kremlin-2025-12-02"))).toBe(false);
  });

  it("reads a month or an ISO week as a bound, as /api/events does", async () => {
    const month = (await getJson(`${server.url}/api/history?negotiation=ukraine-2025&from=2025-12&to=2025-12`)).body as Entry[];
    expect(month.length).toBeGreaterThan(0);
    for (const e of month) expect((e.occurredAtRange.to ?? "9999") >= "2025-12-01T00:00:00.000Z").toBe(true);
    const week = await getJson(`${server.url}/api/history?negotiation=ukraine-2025&from=2025-W48&to=2025-W48`);
    expect(week.status).toBe(200);
  });

  it("pages through the whole history by Link rel=next, each entry once and in order", async () => {
    const whole = (await getJson(`${server.url}/api/history?negotiation=ukraine-2025`)).body as Entry[];
    const paged = await allPages("/api/history?negotiation=ukraine-2025&limit=7");
    expect(paged.pages).toBe(Math.ceil(whole.length / 7));
    expect(paged.entries.map((e) => e.eventId)).toEqual(whole.map((e) => e.eventId));
  });

  it("sends no Link header when the page holds everything", async () => {
    const res = await fetch(`${server.url}/api/history?negotiation=ukraine-2025`);
    expect(res.headers.get("link")).toBeNull();
  });

  it("pages as the record stood at knownAt, without the developments reported later", async () => {
    // The bundled history was all reported on 3 December: known on the 2nd, there is nothing to page through.
    expect(await allPages("/api/history?negotiation=ukraine-2025&knownAt=2025-12-02&limit=3")).toEqual({ entries: [], pages: 1 });
    const before = (await getJson(`${server.url}/api/history?negotiation=ukraine-2025`)).body as Entry[];
    // A stance of 26 November, reported only on 10 December, lands in the middle of valid time.
    const [late] = await server.chronicle.record([stanceInput({ occurredAt: "2025-11-26", reportedAt: "2025-12-10" })], { negotiation: "ukraine-2025" });
    const lateId = server.chronicle.events.find((e) => e.position === late!.position)!.id;
    const known = await allPages("/api/history?negotiation=ukraine-2025&knownAt=2025-12-05&limit=3");
    expect(known.entries.map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    const now = await allPages("/api/history?negotiation=ukraine-2025&limit=3");
    expect(now.entries.map((e) => e.eventId).filter((id) => id !== lateId)).toEqual(before.map((e) => e.eventId));
    expect(now.entries.some((e) => e.eventId === lateId)).toBe(true);
  });

  it("refuses a page cursor the basis does not hold, and a limit out of range, naming the parameter", async () => {
    const unknown = await getJson(`${server.url}/api/history?negotiation=ukraine-2025&after=no-such-event`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: "after", message: expect.stringContaining("no development 'no-such-event'") }]);
    const zero = await getJson(`${server.url}/api/history?limit=0`);
    expect(zero.status).toBe(400);
    expect(zero.body.issues.map((i: { path: string }) => i.path)).toEqual(["limit"]);
    const badFrom = await getJson(`${server.url}/api/history?from=2025-13-01`);
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.issues.map((i: { path: string }) => i.path)).toEqual(["from"]);
  });
});

describe("the basis façade", () => {
  it("answers state, history, diff and a point's timeline from one basis, as the HTTP routes do", async () => {
    const basis = server.chronicle.asOf({ negotiation: "ukraine-2025", knownAt: "2025-12-03" });
    expect(JSON.parse(JSON.stringify(basis.state("2025-11-26")))).toEqual(
      (await getJson(`${server.url}/api/state?negotiation=ukraine-2025&knownAt=2025-12-03&at=2025-11-26`)).body,
    );
    expect(JSON.parse(JSON.stringify(basis.history()))).toEqual((await getJson(`${server.url}/api/history?negotiation=ukraine-2025&knownAt=2025-12-03`)).body);
    const diff = basis.diff("2025-11-21", "2025-11-26");
    expect(diff.knownAt).toBe("2025-12-03T23:59:59.999Z");
    expect(diff.events.every((e) => e.occurredAtRange.from! > "2025-11-21T23:59:59.999Z")).toBe(true);
    const nato = basis.point("us-peace-plan/nato", "2025-11-21");
    expect(nato.planId).toBe("us-peace-plan");
    expect(nato.events.length).toBeGreaterThan(0);
    expect(() => basis.point("us-peace-plan/no-such-point")).toThrow(/no plan point 'us-peace-plan\/no-such-point'/);
  });

  it("names the bad field of a basis or a question", () => {
    expect(() => server.chronicle.asOf({ knownAt: "yesterday-ish" })).toThrow(/knownAt: 'yesterday-ish' is not a date/);
    expect(() => server.chronicle.asOf({ negotiation: "a:b" })).toThrow(/negotiation: .*':'/);
    expect(() => server.chronicle.asOf().state("2025-02-30")).toThrow(/at: '2025-02-30' is not a date/);
    expect(() => server.chronicle.asOf().diff("2025-11-21", "soon")).toThrow(/to: 'soon' is not a date/);
  });
});
