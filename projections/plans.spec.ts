import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import { plans, type Plan, type PlanPoint } from "./plans.ts";
import type { Ref } from "./projection.ts";
import { genevaShortened, kremlinMoreOrLess, nov20Leak } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(plans);

const donbas = { pointId: "us-peace-plan/donbas", number: null, issue: "territory", summary: "Ukraine surrenders the entire Donbas region to Russia" } as const;
const nato = { pointId: "us-peace-plan/nato", number: null, issue: "nato", summary: "Ukraine withdraws its NATO bid" } as const;

/** "The Nov. 20 leak": a day, but the seeds disagree on how it became public, so the manner is unknown. */
const leaked = reported(
  "PlanPublished",
  "2025-11-20",
  { planId: "us-peace-plan", title: "US peace plan", sponsor: "us", manner: "unknown", pointCount: 28, points: [donbas, nato] },
  nov20Leak,
);
const nov20: ValidTime = { precision: "day", from: "2025-11-20T00:00:00.000Z", to: "2025-11-20T23:59:59.999Z" };
const leakRef: Ref = { eventId: leaked.id, until: "2025-11-20T23:59:59.999Z" };

const proposed = (p: typeof donbas | typeof nato): PlanPoint => ({
  id: p.pointId,
  number: null,
  issue: p.issue,
  summary: p.summary,
  status: "proposed",
  ref: leakRef,
  history: [{ kind: "proposed", summary: p.summary, at: nov20, ref: leakRef }],
});
const leakedPlan: Plan = {
  id: "us-peace-plan",
  title: "US peace plan",
  sponsor: "us",
  manner: "unknown",
  pointCount: 28,
  // Two of 28 points are known: the contents are not disclosed.
  contentsDisclosed: false,
  refs: { published: leakRef, pointCount: leakRef, contentsDisclosed: leakRef },
  points: { "us-peace-plan/donbas": proposed(donbas), "us-peace-plan/nato": proposed(nato) },
  revisions: [
    {
      pointCount: 28,
      contentsDisclosed: false,
      summary: "made public with 28 points",
      change: { kind: "published", summary: "US peace plan made public with 28 points", at: nov20, ref: leakRef },
    },
  ],
  reactions: [],
};

/** "Last week" as said on Wed 3 Dec: an interval, never a day it cannot name. */
const geneva = reported(
  "PlanRevised",
  { date: "2025-11-23/2025-11-30", label: "last week" },
  {
    planId: "us-peace-plan",
    pointCount: 22,
    contentsDisclosed: false,
    venue: "Geneva",
    summary: "shortened from 28 to 22 points, contents withheld",
  },
  genevaShortened,
);
const lastWeek: ValidTime = { precision: "interval", from: "2025-11-23T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z", label: "last week" };
const genevaRef: Ref = { eventId: geneva.id, until: "2025-11-30T23:59:59.999Z" };
const genevaRevision = {
  pointCount: 22,
  contentsDisclosed: false,
  venue: "Geneva",
  summary: "shortened from 28 to 22 points, contents withheld",
  change: { kind: "revised" as const, summary: "shortened from 28 to 22 points, contents withheld", at: lastWeek, ref: genevaRef },
};

const undisclosed = (point: PlanPoint): PlanPoint => ({
  ...point,
  status: "undisclosed",
  ref: genevaRef,
  history: [...point.history, { kind: "undisclosed", summary: "plan revised without disclosing whether this point remains", at: lastWeek, ref: genevaRef }],
});

const dropNato = reported("PlanPointRemoved", "2025-11-25", { planId: "us-peace-plan", pointId: "us-peace-plan/nato", reason: "dropped in Geneva" }, genevaShortened);
const dropRef: Ref = { eventId: dropNato.id, until: "2025-11-25T23:59:59.999Z" };
const nov25: ValidTime = { precision: "day", from: "2025-11-25T00:00:00.000Z", to: "2025-11-25T23:59:59.999Z" };
const natoRemoved: PlanPoint = {
  ...proposed(nato),
  status: "removed",
  ref: dropRef,
  history: [...proposed(nato).history, { kind: "removed", summary: "dropped in Geneva", at: nov25, ref: dropRef }],
};

/** The plan once Geneva revised it to 22 points without disclosing them: Donbas undisclosed, NATO as given. */
const afterGeneva = (natoPoint: PlanPoint) => ({
  ...leakedPlan,
  pointCount: 22,
  refs: { published: leakRef, pointCount: genevaRef, contentsDisclosed: genevaRef },
  points: { "us-peace-plan/donbas": undisclosed(proposed(donbas)), "us-peace-plan/nato": natoPoint },
  revisions: [...leakedPlan.revisions, genevaRevision],
});

describe("plans", () => {
  it("publishes a plan with the points the reports give, undisclosed while fewer than its count are known", () => {
    given([]).when(leaked).then({ "us-peace-plan": leakedPlan });
  });

  it("marks every point undisclosed when a revision withholds its contents, and keeps the revision", () => {
    given([leaked])
      .when(geneva)
      .then({
        "us-peace-plan": afterGeneva(undisclosed(proposed(nato))),
      });
  });

  it("leaves a removed point removed through a revision that withholds the rest", () => {
    given([leaked, dropNato])
      .when(geneva)
      .then({
        "us-peace-plan": afterGeneva(natoRemoved),
      });
  });

  it("leaves the points as they were when a revision discloses its contents", () => {
    const disclosed = reported("PlanRevised", "2025-12-02", { planId: "us-peace-plan", pointCount: 28, contentsDisclosed: true, summary: "full text shown" }, kremlinMoreOrLess);
    const ref: Ref = { eventId: disclosed.id, until: "2025-12-02T23:59:59.999Z" };
    const dec2: ValidTime = { precision: "day", from: "2025-12-02T00:00:00.000Z", to: "2025-12-02T23:59:59.999Z" };
    given([leaked])
      .when(disclosed)
      .then({
        "us-peace-plan": {
          ...leakedPlan,
          contentsDisclosed: true,
          refs: { published: leakRef, pointCount: ref, contentsDisclosed: ref },
          revisions: [
            ...leakedPlan.revisions,
            { pointCount: 28, contentsDisclosed: true, summary: "full text shown", change: { kind: "revised", summary: "full text shown", at: dec2, ref } },
          ],
        },
      });
  });

  it("removes a point, keeping why in its history; a point it never heard of is left alone", () => {
    given([leaked])
      .when(dropNato)
      .then({ "us-peace-plan": { ...leakedPlan, points: { ...leakedPlan.points, "us-peace-plan/nato": natoRemoved } } });
    const dropUnknown = reported("PlanPointRemoved", "2025-11-25", { planId: "us-peace-plan", pointId: "us-peace-plan/grain" }, genevaShortened);
    given([leaked]).when(dropUnknown).thenUnchanged();
  });

  it("amends a point, keeping its number and issue unless the amendment gives them", () => {
    const amended = reported(
      "PlanPointAmended",
      { date: "2025-11-23/2025-11-30", label: "last week" },
      { planId: "us-peace-plan", pointId: "us-peace-plan/donbas", summary: "Ukraine withdraws from the part of Donetsk it holds" },
      genevaShortened,
    );
    const ref: Ref = { eventId: amended.id, until: "2025-11-30T23:59:59.999Z" };
    given([leaked])
      .when(amended)
      .then({
        "us-peace-plan": {
          ...leakedPlan,
          points: {
            ...leakedPlan.points,
            "us-peace-plan/donbas": {
              ...proposed(donbas),
              summary: "Ukraine withdraws from the part of Donetsk it holds",
              status: "amended",
              ref,
              history: [...proposed(donbas).history, { kind: "amended", summary: "Ukraine withdraws from the part of Donetsk it holds", at: lastWeek, ref }],
            },
          },
        },
      });
  });

  it("knows a plan met before its publication by id only, and a point first met amended as amended", () => {
    const amended = reported(
      "PlanPointAmended",
      "2025-11-25",
      { planId: "eu-counter-plan", pointId: "eu-counter-plan/nato", number: 3, issue: "nato", summary: "NATO path left open" },
      genevaShortened,
    );
    const ref: Ref = { eventId: amended.id, until: "2025-11-25T23:59:59.999Z" };
    given([])
      .when(amended)
      .then({
        "eu-counter-plan": {
          id: "eu-counter-plan",
          title: "eu-counter-plan",
          sponsor: null,
          manner: "unknown",
          pointCount: null,
          contentsDisclosed: false,
          refs: {},
          points: {
            "eu-counter-plan/nato": {
              id: "eu-counter-plan/nato",
              number: 3,
              issue: "nato",
              summary: "NATO path left open",
              status: "amended",
              ref,
              history: [{ kind: "amended", summary: "NATO path left open", at: nov25, ref }],
            },
          },
          revisions: [],
          reactions: [],
        },
      });
  });

  it("adds a point as proposed", () => {
    const added = reported(
      "PlanPointAdded",
      "2025-11-25",
      { planId: "us-peace-plan", pointId: "us-peace-plan/limits", number: null, issue: "military-limits", summary: "Ukraine's armed forces capped" },
      genevaShortened,
    );
    const ref: Ref = { eventId: added.id, until: "2025-11-25T23:59:59.999Z" };
    given([leaked])
      .when(added)
      .then({
        "us-peace-plan": {
          ...leakedPlan,
          points: {
            ...leakedPlan.points,
            "us-peace-plan/limits": {
              id: "us-peace-plan/limits",
              number: null,
              issue: "military-limits",
              summary: "Ukraine's armed forces capped",
              status: "proposed",
              ref,
              history: [{ kind: "proposed", summary: "Ukraine's armed forces capped", at: nov25, ref }],
            },
          },
        },
      });
  });

  it("keeps each reaction beside the others, summarised by its summary, else its quote, else its position", () => {
    const russia = reported(
      "PlanReaction",
      { date: "2025-12-02/2025-12-03", label: "after the Kremlin meeting" },
      { planId: "us-peace-plan", party: "russia", position: "mixed", quote: kremlinMoreOrLess.quote },
      kremlinMoreOrLess,
    );
    const ukraine = reported("PlanReaction", "2025-11-20?", { planId: "us-peace-plan", party: "ukraine", position: "rejects" }, nov20Leak);
    const russiaAt: ValidTime = { precision: "interval", from: "2025-12-02T00:00:00.000Z", to: "2025-12-03T23:59:59.999Z", label: "after the Kremlin meeting" };
    // An uncertain day ("2025-11-20?") keeps its EDTF beside the interval, so the reaction's date says it is uncertain.
    const ukraineAt: ValidTime = { ...nov20, edtf: "2025-11-20?" };
    const russiaRef: Ref = { eventId: russia.id, until: "2025-12-03T23:59:59.999Z" };
    const ukraineRef: Ref = { eventId: ukraine.id, until: "2025-11-20T23:59:59.999Z" };
    given([leaked, russia])
      .when(ukraine)
      .then({
        "us-peace-plan": {
          ...leakedPlan,
          reactions: [
            {
              party: "russia",
              position: "mixed",
              quote: kremlinMoreOrLess.quote,
              summary: null,
              change: { kind: "mixed", summary: kremlinMoreOrLess.quote, at: russiaAt, ref: russiaRef },
            },
            { party: "ukraine", position: "rejects", quote: null, summary: null, change: { kind: "rejects", summary: "rejects", at: ukraineAt, ref: ukraineRef } },
          ],
        },
      });
  });
});
