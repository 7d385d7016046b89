import { z } from "zod";
import { defineEvent, issue, party, type Mention } from "./define.ts";
import { Issue, Party, Slug, StancePosition } from "./vocabulary.ts";

const PointId = Slug;
const pointIssue = (id: string | null, ...path: (string | number)[]): Mention[] => (id === null ? [] : [issue(id, ...path)]);
const KnownPoint = z.strictObject({
  pointId: PointId,
  number: z.number().int().positive().nullable().default(null),
  issue: Issue.nullable().default(null),
  summary: z.string().min(1),
});

/** How a plan became public, in words; "unknown" when the accounts differ (they are kept as a dispute). */
export const howPublished = (manner: "leaked" | "published" | "unknown"): string => (manner === "unknown" ? "made public" : manner);

export const PlanPublished = defineEvent({
  type: "PlanPublished",
  version: 1,
  data: z.strictObject({
    planId: Slug,
    title: z.string().min(1),
    sponsor: Party,
    /** "unknown" when the accounts disagree on how it became public: the dispute is kept in reports, not settled here. */
    manner: z.enum(["leaked", "published", "unknown"]),
    pointCount: z.number().int().positive(),
    points: z.array(KnownPoint).default([]),
    reception: z.string().optional(),
  }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) => `${d.title} ${howPublished(d.manner)} with ${d.pointCount} points`,
  mentions: (d) => [party(d.sponsor, "sponsor"), ...d.points.flatMap((p, i) => pointIssue(p.issue, "points", i, "issue"))],
});

export const PlanRevised = defineEvent({
  type: "PlanRevised",
  version: 1,
  data: z.strictObject({
    planId: Slug,
    pointCount: z.number().int().positive().nullable(),
    contentsDisclosed: z.boolean(),
    venue: z.string().optional(),
    summary: z.string().min(1),
  }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) =>
    `plan ${d.planId} revised${d.venue ? ` in ${d.venue}` : ""}: ${d.pointCount ?? "unknown number of"} points, contents ${d.contentsDisclosed ? "disclosed" : "not disclosed"}`,
});

export const PlanPointAdded = defineEvent({
  type: "PlanPointAdded",
  version: 1,
  data: KnownPoint.extend({ planId: Slug }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) => `point ${d.pointId} added to ${d.planId}: ${d.summary}`,
  mentions: (d) => pointIssue(d.issue, "issue"),
});

export const PlanPointAmended = defineEvent({
  type: "PlanPointAmended",
  version: 1,
  data: z.strictObject({
    planId: Slug,
    pointId: PointId,
    number: z.number().int().positive().nullable().optional(),
    issue: Issue.nullable().optional(),
    summary: z.string().min(1),
  }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) => `point ${d.pointId} of ${d.planId} amended: ${d.summary}`,
  mentions: (d) => pointIssue(d.issue ?? null, "issue"),
});

export const PlanPointRemoved = defineEvent({
  type: "PlanPointRemoved",
  version: 1,
  data: z.strictObject({ planId: Slug, pointId: PointId, reason: z.string().optional() }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) => `point ${d.pointId} removed from ${d.planId}${d.reason ? `: ${d.reason}` : ""}`,
});

export const DocumentsPresented = defineEvent({
  type: "DocumentsPresented",
  version: 1,
  data: z.strictObject({
    documentSetId: Slug,
    presentedBy: Party,
    presentedTo: z.array(Party).min(1),
    count: z.number().int().positive().nullable(),
    meetingId: Slug.optional(),
    planId: Slug.optional(),
    titles: z.array(z.string().min(1)).default([]),
    description: z.string().min(1),
  }),
  stream: (d) => `documents-${d.documentSetId}`,
  describe: (d) => `${d.presentedBy} presented ${d.count ?? "an unknown number of"} documents to ${d.presentedTo.join(", ")}: ${d.description}`,
  mentions: (d) => [party(d.presentedBy, "presentedBy"), ...d.presentedTo.map((p, i) => party(p, "presentedTo", i))],
});

/** One party's reaction to a whole plan version, as a position on the plan itself. */
export const PlanReaction = defineEvent({
  type: "PlanReaction",
  version: 1,
  data: z.strictObject({
    planId: Slug,
    party: Party,
    position: StancePosition,
    quote: z.string().min(1).optional(),
    summary: z.string().min(1).optional(),
  }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) => `${d.party} ${d.position} on plan ${d.planId}${d.summary ? `: ${d.summary}` : ""}`,
  mentions: (d) => [party(d.party, "party")],
});
