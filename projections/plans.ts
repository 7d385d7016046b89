import type { StoredEvent } from "../events/envelope.ts";
import { howPublished } from "../events/plan.ts";
import type { Issue, Party, StancePosition } from "../events/vocabulary.ts";
import { changeOf, defineProjection, fact, handledAll, refTo, type Change, type Ref } from "./projection.ts";

/**
 * `undisclosed`: the plan was revised without saying what became of the point, so
 * whether it survived is unknown. It is not "removed", and not "still proposed".
 */
export type PointStatus = "proposed" | "amended" | "removed" | "undisclosed";

export interface PlanPoint {
  id: string;
  number: number | null;
  issue: Issue | null;
  summary: string;
  status: PointStatus;
  ref: Ref;
  history: Change<PointStatus>[];
}

export interface Revision {
  pointCount: number | null;
  contentsDisclosed: boolean;
  venue?: string;
  summary: string;
  change: Change<"published" | "revised">;
}

/** One party's reaction to the plan as a whole; a later reaction by the same party is kept beside it. */
export interface Reaction {
  party: Party;
  position: StancePosition;
  quote: string | null;
  summary: string | null;
  change: Change<StancePosition>;
}

export interface Plan {
  id: string;
  title: string;
  sponsor: Party | null;
  manner: "leaked" | "published" | "unknown";
  pointCount: number | null;
  contentsDisclosed: boolean;
  refs: { published?: Ref; pointCount?: Ref; contentsDisclosed?: Ref };
  points: Record<string, PlanPoint>;
  revisions: Revision[];
  reactions: Reaction[];
}

export type PlansState = Record<string, Plan>;

/** A plan met in an event before its publication: known only by id until then. */
function planIn(state: PlansState, planId: string): Plan {
  state[planId] ??= { id: planId, title: planId, sponsor: null, manner: "unknown", pointCount: null, contentsDisclosed: false, refs: {}, points: {}, revisions: [], reactions: [] };
  return state[planId];
}

function markUndisclosed(plan: Plan, e: StoredEvent): void {
  for (const point of Object.values(plan.points)) {
    if (point.status === "removed") continue;
    point.status = "undisclosed";
    point.ref = refTo(e);
    point.history.push(changeOf(e, "undisclosed", "plan revised without disclosing whether this point remains"));
  }
}

export const plans = defineProjection({
  name: "plans",
  handles: ["PlanPublished", "PlanRevised", "PlanPointAdded", "PlanPointAmended", "PlanReaction", "PlanPointRemoved"],
  initialState: (): PlansState => ({}),
  apply(state, e) {
    switch (e.type) {
      case "PlanPublished": {
        const d = e.data;
        const plan = planIn(state, d.planId);
        Object.assign(plan, { title: d.title, sponsor: d.sponsor, manner: d.manner, pointCount: d.pointCount, contentsDisclosed: d.points.length >= d.pointCount });
        plan.refs = { published: refTo(e), pointCount: refTo(e), contentsDisclosed: refTo(e) };
        for (const p of d.points) {
          plan.points[p.pointId] = {
            id: p.pointId,
            number: p.number,
            issue: p.issue,
            summary: p.summary,
            status: "proposed",
            ref: refTo(e),
            history: [changeOf(e, "proposed", p.summary)],
          };
        }
        plan.revisions.push(
          fact({
            pointCount: d.pointCount,
            contentsDisclosed: plan.contentsDisclosed,
            summary: `${howPublished(d.manner)} with ${d.pointCount} points`,
            change: changeOf(e, "published", `${d.title} ${howPublished(d.manner)} with ${d.pointCount} points`),
          }),
        );
        return;
      }
      case "PlanRevised": {
        const d = e.data;
        const plan = planIn(state, d.planId);
        plan.pointCount = d.pointCount;
        plan.contentsDisclosed = d.contentsDisclosed;
        plan.refs.pointCount = refTo(e);
        plan.refs.contentsDisclosed = refTo(e);
        if (!d.contentsDisclosed) markUndisclosed(plan, e);
        plan.revisions.push(
          fact({
            pointCount: d.pointCount,
            contentsDisclosed: d.contentsDisclosed,
            ...(d.venue ? { venue: d.venue } : {}),
            summary: d.summary,
            change: changeOf(e, "revised", d.summary),
          }),
        );
        return;
      }
      case "PlanPointAdded": {
        const d = e.data;
        planIn(state, d.planId).points[d.pointId] = {
          id: d.pointId,
          number: d.number,
          issue: d.issue,
          summary: d.summary,
          status: "proposed",
          ref: refTo(e),
          history: [changeOf(e, "proposed", d.summary)],
        };
        return;
      }
      case "PlanPointAmended": {
        const d = e.data;
        const plan = planIn(state, d.planId);
        const point = (plan.points[d.pointId] ??= { id: d.pointId, number: null, issue: null, summary: d.summary, status: "amended", ref: refTo(e), history: [] });
        Object.assign(point, { summary: d.summary, status: "amended", ref: refTo(e) });
        if (d.number !== undefined) point.number = d.number;
        if (d.issue !== undefined) point.issue = d.issue;
        point.history.push(changeOf(e, "amended", d.summary));
        return;
      }
      case "PlanReaction": {
        const d = e.data;
        const summary = d.summary ?? d.quote ?? d.position;
        planIn(state, d.planId).reactions.push(
          fact({ party: d.party, position: d.position, quote: d.quote ?? null, summary: d.summary ?? null, change: changeOf(e, d.position, summary) }),
        );
        return;
      }
      case "PlanPointRemoved": {
        const d = e.data;
        const point = planIn(state, d.planId).points[d.pointId];
        if (!point) return;
        point.status = "removed";
        point.ref = refTo(e);
        point.history.push(changeOf(e, "removed", d.reason ?? "removed"));
        return;
      }
      default:
        handledAll(e);
    }
  },
});
