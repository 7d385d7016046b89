import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import { recorded, ProjectionSpecification } from "./specification.ts";
import { vocabulary, type Vocabulary } from "./vocabulary.ts";

const given = ProjectionSpecification.for(vocabulary);

/** Declarations are the analyst's own categories: they need no source. */
const declared = (type: string, occurredAt: unknown, data: Record<string, unknown>) => recorded({ type, occurredAt, sources: [], data });

const since2025 = { date: "2025-01", label: "Trump's return to office" };
const january: ValidTime = { precision: "month", from: "2025-01-01T00:00:00.000Z", to: "2025-01-31T23:59:59.999Z", label: "Trump's return to office" };
const opened = declared("NegotiationOpened", since2025, {
  negotiationId: "ukraine-2025",
  title: "US-brokered Russia–Ukraine peace negotiation, 2025",
  parties: [
    { id: "us", name: "United States" },
    { id: "russia", name: "Russia" },
    { id: "ukraine", name: "Ukraine" },
  ],
  issues: [{ id: "nato", proposition: "Ukraine joins NATO" }],
});
const openedState: Vocabulary = {
  negotiationId: "ukraine-2025",
  title: "US-brokered Russia–Ukraine peace negotiation, 2025",
  summary: null,
  // A party declared without aliases has none (the schema's default), so names match it exactly.
  parties: {
    us: { id: "us", name: "United States", aliases: [] },
    russia: { id: "russia", name: "Russia", aliases: [] },
    ukraine: { id: "ukraine", name: "Ukraine", aliases: [] },
  },
  issues: { nato: { id: "nato", wordings: [{ proposition: "Ukraine joins NATO", from: january, reason: null, eventId: opened.id }] } },
};
const europe = declared("PartyAdded", "2025-11-20", { negotiationId: "ukraine-2025", party: { id: "europe", name: "Europe", kind: "bloc" } });

describe("vocabulary", () => {
  it("opens a negotiation with its parties and issues, each issue's first wording dated from the opening", () => {
    given([]).when(opened).then(openedState);
  });

  it("ignores a party or issue declared for a negotiation not yet opened", () => {
    given([]).when(europe).thenUnchanged();
  });

  it("adds a party and an issue to what was declared", () => {
    given([opened])
      .when(europe)
      .then({ ...openedState, parties: { ...openedState.parties, europe: { id: "europe", name: "Europe", kind: "bloc", aliases: [] } } });
    const guarantees = declared("IssueAdded", "2025-11-20", {
      negotiationId: "ukraine-2025",
      issue: { id: "security-guarantees", proposition: "Ukraine receives security guarantees" },
    });
    given([opened])
      .when(guarantees)
      .then({
        ...openedState,
        issues: {
          ...openedState.issues,
          "security-guarantees": {
            id: "security-guarantees",
            wordings: [
              {
                proposition: "Ukraine receives security guarantees",
                from: { precision: "day", from: "2025-11-20T00:00:00.000Z", to: "2025-11-20T23:59:59.999Z" },
                reason: null,
                eventId: guarantees.id,
              },
            ],
          },
        },
      });
  });

  it("orders an issue's wordings by the valid time each gives, not by when they were recorded", () => {
    const timetable = declared("IssueReworded", "2025-11", {
      negotiationId: "ukraine-2025",
      issueId: "nato",
      proposition: "Ukraine joins NATO within ten years",
      reason: "the talks turn on a timetable",
    });
    // Recorded later, but dated before the opening's January: it goes first.
    const earlier = declared("IssueReworded", "2024-12", {
      negotiationId: "ukraine-2025",
      issueId: "nato",
      proposition: "Ukraine is invited to join NATO",
      reason: "as worded before the talks",
    });
    const first = openedState.issues.nato!.wordings[0]!;
    given([opened, timetable])
      .when(earlier)
      .then({
        ...openedState,
        issues: {
          nato: {
            id: "nato",
            wordings: [
              {
                proposition: "Ukraine is invited to join NATO",
                from: { precision: "month", from: "2024-12-01T00:00:00.000Z", to: "2024-12-31T23:59:59.999Z" },
                reason: "as worded before the talks",
                eventId: earlier.id,
              },
              first,
              {
                proposition: "Ukraine joins NATO within ten years",
                from: { precision: "month", from: "2025-11-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z" },
                reason: "the talks turn on a timetable",
                eventId: timetable.id,
              },
            ],
          },
        },
      });
  });

  it("ignores a rewording of an issue never declared", () => {
    const unknown = declared("IssueReworded", "2025-11", { negotiationId: "ukraine-2025", issueId: "ceasefire", proposition: "A ceasefire holds", reason: "new issue" });
    given([opened]).when(unknown).thenUnchanged();
  });
});
