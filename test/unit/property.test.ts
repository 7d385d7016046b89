import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidEventError } from "../../events/envelope.ts";
import { ValidTimeField } from "../../events/valid-time.ts";
import { naiveStateAt } from "../../scripts/bench/naive.ts";
import { Chronicle } from "../../src/engine/chronicle.ts";
import { MemoryEventStore } from "../../src/store/memory.ts";
import { analystSource } from "../support/events.ts";

const DAY = 86_400_000;
const BASE = Date.parse("2025-10-01");
const day = (offset: number) => new Date(BASE + offset * DAY).toISOString().slice(0, 10);

/** A written date of any precision within ~two months. */
const writtenDate = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map(day),
  fc.integer({ min: 0, max: 60 }).map((d) => ({ date: day(d), precision: "week" as const })),
  fc.constantFrom("2025-10", "2025-11"),
  fc.tuple(fc.integer({ min: 0, max: 55 }), fc.integer({ min: 0, max: 5 })).map(([d, len]) => ({ from: day(d), to: day(d + len) })),
);

/** The negotiation opens with two issues and four parties; the rest are declared, or not, as the history goes. */
const NEGOTIATION = "prop";
const opening = {
  type: "NegotiationOpened",
  occurredAt: "2025-10-01",
  sources: [],
  data: {
    negotiationId: NEGOTIATION,
    title: "Property negotiation",
    parties: ["us", "russia", "ukraine", "europe"].map((id) => ({ id, name: id })),
    issues: [
      { id: "nato", proposition: "joins NATO" },
      { id: "territory", proposition: "cedes land" },
    ],
  },
};
const party = fc.constantFrom("us", "russia", "ukraine", "europe", "mediator");
const issue = fc.constantFrom("nato", "territory", "security-guarantees", "military-limits");
const planId = fc.constantFrom("plan-a", "plan-b");
const pointId = fc.constantFrom("plan-a/one", "plan-a/two", "plan-b/one");
const meetingId = fc.constantFrom("m-one", "m-two");
const person = fc.constantFrom("Ann Official", "Bo Envoy");

/** Payloads of every kind the projections fold, each with its type. */
const development = fc.oneof(
  fc
    .record({ party, issue, position: fc.constantFrom("supports", "rejects", "undecided", "conditional", "mixed", "withheld", "unknown") })
    .map((data) => ({ type: "StanceStated", data })),
  // Declarations, dated anywhere in valid time: a stance may sit before the issue it answers was declared.
  fc.constantFrom("security-guarantees", "military-limits").map((id) => ({ type: "IssueAdded", data: { negotiationId: NEGOTIATION, issue: { id, proposition: `about ${id}` } } })),
  fc.constant({ type: "PartyAdded", data: { negotiationId: NEGOTIATION, party: { id: "mediator", name: "Mediator", kind: "mediator" } } }),
  fc
    .record({ issueId: issue, proposition: fc.constantFrom("worded anew", "worded again") })
    .map((d) => ({ type: "IssueReworded", data: { negotiationId: NEGOTIATION, ...d, reason: "test" } })),
  fc.record({ party, position: fc.constantFrom("mixed", "rejects") }).map((d) => ({ type: "PlanReaction", data: { planId: "plan-a", ...d } })),
  fc.record({ planId, pointCount: fc.integer({ min: 1, max: 40 }) }).map(({ planId, pointCount }) => ({
    type: "PlanPublished",
    data: { planId, title: planId, sponsor: "us", manner: "leaked", pointCount, points: [{ pointId: `${planId}/one`, summary: "first" }] },
  })),
  fc.record({ planId, pointCount: fc.integer({ min: 1, max: 40 }), contentsDisclosed: fc.boolean() }).map((d) => ({ type: "PlanRevised", data: { ...d, summary: "revised" } })),
  fc
    .record({ pointId, summary: fc.constantFrom("amended a", "amended b") })
    .map(({ pointId, summary }) => ({ type: "PlanPointAmended", data: { planId: pointId.split("/")[0], pointId, summary } })),
  pointId.map((pointId) => ({ type: "PlanPointAdded", data: { planId: pointId.split("/")[0], pointId, summary: "added" } })),
  pointId.map((pointId) => ({ type: "PlanPointRemoved", data: { planId: pointId.split("/")[0], pointId } })),
  fc.record({ meetingId, place: fc.constantFrom("Geneva", "Miami") }).map((d) => ({ type: "MeetingScheduled", data: { ...d, date: "2025-12-01", participants: [] } })),
  fc.record({ meetingId, place: fc.constantFrom("Geneva", "Miami") }).map((d) => ({
    type: "MeetingHeld",
    data: { ...d, participants: [{ name: "Bo Envoy", party: "us", role: "envoy" }], durationHours: 2 },
  })),
  meetingId.map((meetingId) => ({ type: "MeetingCancelled", data: { meetingId } })),
  fc.record({ person, role: fc.constantFrom("envoy", "adviser") }).map((d) => ({ type: "OfficialAppointed", data: { ...d, party: "ukraine" } })),
  fc
    .record({ person, role: fc.constantFrom("envoy", "adviser"), manner: fc.constantFrom("resigned", "fired", "unknown") })
    .map((d) => ({ type: "OfficialLeftOffice", data: { ...d, party: "ukraine" } })),
  fc
    .record({ claim: fc.constantFrom("closer", "no closer") })
    .map((d) => ({ type: "StatementMade", data: { speaker: "Aide", party: "russia", summary: d.claim, subject: "progress", ...d } })),
);

/** A correction of the k-th event written before it (resolved when the history is written). */
const correction = fc.record({
  target: fc.nat(),
  retract: fc.boolean(),
  occurredAt: fc.option(writtenDate, { nil: undefined }),
});

const step = fc.record({
  what: fc.oneof(
    { weight: 9, arbitrary: development.map((d) => ({ kind: "development" as const, ...d })) },
    { weight: 1, arbitrary: correction.map((c) => ({ kind: "correction" as const, ...c })) },
  ),
  occurredAt: writtenDate,
  reportDelay: fc.integer({ min: 0, max: 30 }),
  queryAt: fc.option(fc.integer({ min: -5, max: 70 }), { nil: undefined }),
});

/** The reference is the benchmark's: fold, from nothing, every event the query admits, in valid-time order. */
const fullReplay = (log: Parameters<typeof naiveStateAt>[0], at: string, knownAt?: string) => naiveStateAt(log, NEGOTIATION, at, knownAt);

/** What the test expects the engine to decide: the vocabulary as written so far, in transaction time. */
function refusedNow(input: Record<string, unknown>, declared: { parties: Set<string>; issues: Set<string> }): boolean {
  const d = input.data as Record<string, string>;
  switch (input.type) {
    case "StanceStated":
      return !declared.parties.has(d.party!) || !declared.issues.has(d.issue!);
    case "PlanReaction":
      return !declared.parties.has(d.party!);
    case "IssueAdded":
      return declared.issues.has((d.issue as unknown as { id: string }).id);
    case "PartyAdded":
      return declared.parties.has((d.party as unknown as { id: string }).id);
    case "IssueReworded":
      return !declared.issues.has(d.issueId!);
    default:
      return false;
  }
}

function declare(input: Record<string, unknown>, declared: { parties: Set<string>; issues: Set<string> }): void {
  const d = input.data as Record<string, { id: string }>;
  if (input.type === "IssueAdded") declared.issues.add(d.issue!.id);
  if (input.type === "PartyAdded") declared.parties.add(d.party!.id);
}

const moment = (offset: number) => new Date(BASE + offset * DAY + DAY - 1).toISOString();

describe("stateAt from checkpoints equals a full replay", () => {
  it("for random histories written in random valid-time order, with backfills, corrections and queries in between", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 130, maxLength: 320 }),
        fc.array(fc.integer({ min: -5, max: 70 }), { minLength: 4, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 95 }), { minLength: 2, maxLength: 4 }),
        async (steps, queryDays, knownDays) => {
          const chronicle = await Chronicle.open(new MemoryEventStore());
          await chronicle.record([opening]);
          const declared = { parties: new Set(["us", "russia", "ukraine", "europe"]), issues: new Set(["nato", "territory"]) };
          const written: string[] = [];
          for (const s of steps) {
            const input = toInput(s, written);
            if (!input) continue;
            if (refusedNow(input, declared)) {
              const head = chronicle.head;
              await expect(chronicle.record([input], { negotiation: NEGOTIATION })).rejects.toBeInstanceOf(InvalidEventError);
              expect(chronicle.head).toBe(head);
              continue;
            }
            const [result] = await chronicle.record([input], { negotiation: NEGOTIATION });
            declare(input, declared);
            const isDevelopment = s.what.kind === "development" && !["IssueAdded", "PartyAdded", "IssueReworded"].includes(s.what.type);
            if (isDevelopment) written.push(chronicle.events.find((e) => e.position === result!.position)!.id);
            // Querying between writes builds checkpoints that a later backfill must invalidate.
            if (s.queryAt !== undefined) chronicle.asOf().state(moment(s.queryAt));
          }
          for (const d of queryDays) {
            const now = chronicle.asOf({ negotiation: NEGOTIATION }).state(moment(d));
            expect(now).toEqual(fullReplay(chronicle.events, moment(d)));
            // Every stance shown has its issue and party declared, whatever the valid times of the declarations.
            const issues = new Set(now.vocabulary.issues.filter((i) => i.declared).map((i) => i.id));
            expect(now.stances.filter((st) => !issues.has(st.issue))).toEqual([]);
            for (const k of knownDays)
              expect(chronicle.asOf({ knownAt: moment(k), negotiation: NEGOTIATION }).state(moment(d))).toEqual(fullReplay(chronicle.events, moment(d), moment(k)));
          }
          await chronicle.close();
        },
      ),
      { numRuns: 25, endOnFailure: true }, // shrinking histories this long takes minutes; a failure prints its seed to replay,
    );
  });
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Step, written: string[]): Record<string, unknown> | undefined {
  const reportedAt = reportDate(s.occurredAt, s.reportDelay);
  const envelope = { occurredAt: s.occurredAt, reportedAt, sources: [analystSource] };
  if (s.what.kind === "development") return { ...envelope, type: s.what.type, data: s.what.data };
  if (written.length === 0) return undefined;
  const target = written[s.what.target % written.length]!;
  if (s.what.retract) return { ...envelope, type: "ReportRetracted", data: { retractedEventId: target, reason: "retracted" } };
  if (!s.what.occurredAt) return undefined;
  return { ...envelope, type: "ReportCorrected", data: { correctedEventId: target, reason: "re-dated", occurredAt: s.what.occurredAt } };
}

/** A report date some days after the development could have started. */
function reportDate(written: unknown, delay: number): string {
  const from = Date.parse(ValidTimeField.parse(written).from);
  return new Date(from + delay * DAY).toISOString().slice(0, 10);
}
