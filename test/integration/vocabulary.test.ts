import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StateDocument } from "../../src/engine/document.ts";
import { getJson, post, startServer, type TestServer } from "../support/http-helpers.ts";
import { openingInput, stanceInput, TEST_NEGOTIATION } from "../support/events.ts";
import { FISHING, fishingOpened, fishingStance } from "../support/fishing.ts";
import { runParley } from "../support/parley-process.ts";

// A store that starts empty: everything below is written over HTTP alone.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seeded: false, defaultNegotiation: undefined });
});
afterAll(() => server.close());

const head = async () => (await getJson(`${server.url}/healthz`)).body.position as number;
const state = async (negotiation: string, at: string) => (await getJson(`${server.url}/api/state?negotiation=${negotiation}&at=${at}`)).body as StateDocument;

describe("a negotiation opened and used over HTTP alone", () => {
  it("refuses a write into a negotiation that was never opened, naming the field and the negotiations there are", async () => {
    const refused = await post(server.url, { negotiation: FISHING, events: [fishingStance()] });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([
      { path: "events[0].negotiation", message: "negotiation 'fishing-2026' was never opened: record a NegotiationOpened first; opened negotiations: (none)" },
    ]);
    const unnamed = await post(server.url, fishingStance());
    expect(unnamed.body.issues).toEqual([{ path: "negotiation", message: expect.stringContaining("name the negotiation to write into") }]);
    expect(await head()).toBe(0);
  });

  it("opens the fishing dispute and records stances in it; /api/state shows them with its own parties and issues", async () => {
    expect((await post(server.url, fishingOpened)).status).toBe(201);
    const stances = [
      fishingStance(),
      fishingStance({ party: "norway", issue: "access", position: "mixed", terms: "only north of 62°N" }),
      fishingStance({ party: "faroes", issue: "quota", position: "withheld" }),
    ];
    expect((await post(server.url, { negotiation: FISHING, events: stances })).status).toBe(201);
    const doc = await state(FISHING, "2026-03-31");
    expect(doc.vocabulary.negotiations).toEqual([{ id: FISHING, title: "North Atlantic mackerel dispute", summary: null }]);
    expect(doc.vocabulary.parties.map((p) => [p.id, p.name])).toEqual([
      ["norway", "Norway"],
      ["iceland", "Iceland"],
      ["faroes", "Faroe Islands"],
    ]);
    expect(doc.vocabulary.issues.map((i) => [i.id, i.proposition])).toEqual([
      ["quota", "Each fleet's share is fixed by the 2014 key"],
      ["access", "Fleets may fish in each other's waters"],
    ]);
    expect(doc.stances.map((s) => [s.party, s.issue, s.position, s.terms, s.proposition])).toEqual([
      ["faroes", "quota", "withheld", null, "Each fleet's share is fixed by the 2014 key"],
      ["iceland", "quota", "rejects", null, "Each fleet's share is fixed by the 2014 key"],
      ["norway", "access", "mixed", "only north of 62°N", "Fleets may fish in each other's waters"],
    ]);
  });

  it("refuses an unknown party and an unknown issue with a 400 naming the field and listing the known ids; nothing is written", async () => {
    const before = await head();
    const party = await post(server.url, { negotiation: FISHING, events: [fishingStance({ party: "russia" })] });
    expect(party.status).toBe(400);
    expect(party.body.issues).toEqual([{ path: "events[0].data.party", message: "unknown party 'russia' in negotiation 'fishing-2026'; it knows: norway, iceland, faroes" }]);
    const issue = await post(server.url, { negotiation: FISHING, events: [fishingStance(), fishingStance({ issue: "nato" })] });
    expect(issue.status).toBe(400);
    expect(issue.body.issues).toEqual([{ path: "events[1].data.issue", message: "unknown issue 'nato' in negotiation 'fishing-2026'; it knows: quota, access" }]);
    const participant = await post(server.url, {
      negotiation: FISHING,
      events: [
        {
          type: "MeetingHeld",
          occurredAt: "2026-03-04",
          sources: fishingStance().sources,
          data: { meetingId: "london-round", place: "London", participants: [{ name: "A. Envoy", party: "greenland" }] },
        },
      ],
    });
    expect(participant.body.issues).toEqual([{ path: "events[0].data.participants.0.party", message: expect.stringContaining("unknown party 'greenland'") }]);
    expect(await head()).toBe(before);
  });

  it("keeps vocabularies apart: the fishing dispute's never shows in another negotiation's matrix, nor the reverse", async () => {
    expect((await post(server.url, { events: [openingInput(), stanceInput({ party: "russia", issue: "nato", position: "rejects" })], negotiation: TEST_NEGOTIATION })).status).toBe(
      201,
    );
    const talks = await state(TEST_NEGOTIATION, "2026-03-31");
    const fishing = await state(FISHING, "2026-03-31");
    expect(talks.vocabulary.parties.map((p) => p.id)).toEqual(["us", "russia", "ukraine", "europe"]);
    expect(talks.stances.map((s) => s.party)).toEqual(["russia"]);
    expect(fishing.vocabulary.parties.map((p) => p.id)).not.toContain("russia");
    expect(fishing.stances.map((s) => s.party)).not.toContain("russia");
    const fishingIssue = await post(server.url, { negotiation: TEST_NEGOTIATION, events: [stanceInput({ issue: "quota" })] });
    expect(fishingIssue.body.issues[0].message).toBe("unknown issue 'quota' in negotiation 'test-talks'; it knows: nato, territory, security-guarantees, military-limits");
  });

  it("shows the stances in `parley state`, with the negotiation's own rows, columns and propositions", async () => {
    const { code, stdout } = await runParley(["--store", `sqlite:${server.path}`, "state", "--negotiation", FISHING, "--at", "2026-03-31"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+norway\s+iceland\s+faroes$/m);
    expect(stdout).toMatch(/^\s+quota\s+-\s+rejects \[Harbour Gazette\]\*\s+withheld \[Harbour Gazette\]\*$/m);
    expect(stdout).toMatch(/^\s+access\s+mixed \[Harbour Gazette\]\*\s+-\s+-$/m);
    expect(stdout).toContain("  quota: Each fleet's share is fixed by the 2014 key");
    expect(stdout).toContain("    norway/access: only north of 62°N");
    expect(stdout).not.toMatch(/nato|russia/);
  });

  it("adds a party and an issue later; a stance dated before the issue was declared still shows, in its column", async () => {
    const added = await post(server.url, {
      negotiation: FISHING,
      events: [
        { type: "PartyAdded", occurredAt: "2026-04-01", data: { negotiationId: FISHING, party: { id: "eu", name: "European Union", kind: "bloc" } } },
        { type: "IssueAdded", occurredAt: "2026-04-01", data: { negotiationId: FISHING, issue: { id: "science", proposition: "Quotas follow ICES advice" } } },
        // Recorded after the declaration, about a day before it: the vocabulary is checked in transaction time.
        fishingStance({ party: "eu", issue: "science", position: "supports", occurredAt: "2026-03-05" }),
      ],
    });
    expect(added.status).toBe(201);
    const doc = await state(FISHING, "2026-03-10");
    expect(doc.vocabulary.issues.map((i) => i.id)).toEqual(["quota", "access", "science"]);
    expect(doc.stances.find((s) => s.issue === "science")).toMatchObject({ party: "eu", position: "supports", proposition: "Quotas follow ICES advice" });
    const twice = await post(server.url, { events: [{ type: "PartyAdded", occurredAt: "2026-04-02", data: { negotiationId: FISHING, party: { id: "eu", name: "EU" } } }] });
    expect(twice.body.issues).toEqual([{ path: "events[0].data.party.id", message: "party 'eu' is already declared in 'fishing-2026'" }]);
  });

  it("rewords an issue: later stances answer the new wording, earlier ones keep the one they were stated against", async () => {
    const reworded = await post(server.url, {
      events: [
        {
          type: "IssueReworded",
          occurredAt: "2026-04-10",
          data: { negotiationId: FISHING, issueId: "quota", proposition: "Each fleet's share follows a new 2026 key", reason: "the talks moved off the 2014 key" },
        },
      ],
    });
    expect(reworded.status).toBe(201);
    expect((await post(server.url, { negotiation: FISHING, events: [fishingStance({ party: "norway", position: "supports", occurredAt: "2026-04-12" })] })).status).toBe(201);
    const doc = await state(FISHING, "2026-04-30");
    const quota = doc.vocabulary.issues.find((i) => i.id === "quota")!;
    expect(quota.wordings.map((w) => [w.proposition, w.from])).toEqual([
      ["Each fleet's share is fixed by the 2014 key", "2026-03"],
      ["Each fleet's share follows a new 2026 key", "2026-04-10"],
    ]);
    expect(doc.stances.find((s) => s.party === "iceland" && s.issue === "quota")).toMatchObject({
      proposition: "Each fleet's share follows a new 2026 key",
      statedAgainst: "Each fleet's share is fixed by the 2014 key",
    });
    expect(doc.stances.find((s) => s.party === "norway" && s.issue === "quota")).toMatchObject({ statedAgainst: null });
  });

  it("lists each negotiation with its vocabulary, span and event count", async () => {
    const { body } = await getJson(`${server.url}/api/negotiations/${FISHING}`);
    expect(body).toMatchObject({ name: FISHING, title: "North Atlantic mackerel dispute", opened: true, span: "2026-03-02/2026-04-12" });
    expect(body.parties.map((p: { id: string }) => p.id)).toEqual(["norway", "iceland", "faroes", "eu"]);
    expect(body.events).toBe(9);
    expect(body.developments).toBe(5);
  });
});
