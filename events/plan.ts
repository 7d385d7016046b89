import { z } from "zod";
import { defineEvent } from "./define.ts";
import { Issue, Party, Slug } from "./vocabulary.ts";

const PointId = Slug;
const KnownPoint = z.strictObject({
  pointId: PointId,
  number: z.number().int().positive().nullable().default(null),
  issue: Issue.nullable().default(null),
  summary: z.string().min(1),
});

export const PlanPublished = defineEvent({
  type: "PlanPublished",
  version: 1,
  data: z.strictObject({
    planId: Slug,
    title: z.string().min(1),
    sponsor: Party,
    manner: z.enum(["leaked", "published"]),
    pointCount: z.number().int().positive(),
    points: z.array(KnownPoint).default([]),
    reception: z.string().optional(),
  }),
  stream: (d) => `plan-${d.planId}`,
  describe: (d) => `${d.title} ${d.manner} with ${d.pointCount} points`,
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
});
