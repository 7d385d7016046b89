import type { StoredEvent } from "../../events/envelope.ts";
import { projectionNames, timelineProjections } from "../../projections/index.ts";
import { isCorrection, targetOf } from "./corrections.ts";
import { comparedSections, diffStates, type StateChange } from "./diff.ts";
import { documentAt, renderedInto, type Section, type StateDocument } from "./document.ts";
import type { RecordView } from "./record-view.ts";

/**
 * An event's effect: one appended event and what it changed in its negotiation at the moment
 * its effect is complete. The live feed sends one per event (as SSE `change` messages).
 */
export interface Effect {
  event: StoredEvent;
  /** The negotiation it changed: a correction's is that of the event it corrects; null while that event has not arrived. */
  negotiation: string | null;
  /** The valid time the diff was taken at. */
  at: string;
  changes: StateChange[];
}

/** For each event type, the sections of the document the diff compares that the parts of the state folding it render into. */
const compared = new Map<string, Set<Section>>();
for (const part of projectionNames)
  for (const type of timelineProjections[part].handles) {
    const sections = compared.get(type) ?? compared.set(type, new Set()).get(type)!;
    if (comparedSections.has(renderedInto[part])) sections.add(renderedInto[part]);
  }
const nothing: ReadonlySet<Section> = new Set();

/**
 * What an event's effect renders: only the sections the diff compares that the event can
 * change. The other parts of the state fold the same events before and after it, and cite
 * events that read the same (a new event is cited only by what it is folded into). A
 * correction changes how another event reads (its sources, its dates), so its effect renders
 * everything. Declarations and filed sources are folded into no part: they change nothing
 * the diff compares.
 */
const sectionsChangedBy = (e: StoredEvent): ReadonlySet<Section> | undefined => (isCorrection(e) ? undefined : (compared.get(e.type) ?? nothing));

const stateIn = (view: RecordView, at: string, sections: ReadonlySet<Section> | undefined): StateDocument => documentAt(view.live, at, null, sections);

/**
 * Where to look for an event's effect: the end of its valid time, when it is no longer
 * tentative. A correction acts on another event, so the later of that event's old and new end counts too.
 */
function momentOf(e: StoredEvent, view: RecordView): string {
  const ends = [e.occurredAt.to];
  if (isCorrection(e)) {
    const target = view.effective.get(targetOf(e));
    if (target) ends.push(target.occurredAt.to);
    if (e.type === "ReportCorrected" && e.data.occurredAt) ends.push(e.data.occurredAt.to);
  }
  return ends.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}

/**
 * The state `e` is about to act on, taken before it is added to its view; `after()`, once
 * it has been, tells what it changed. `view` is asked for twice because a negotiation's
 * first event creates its view.
 */
export function effectOf(e: StoredEvent, negotiation: string, view: () => RecordView): { after(): Effect } {
  const at = momentOf(e, view());
  const sections = sectionsChangedBy(e);
  if (sections?.size === 0) return { after: () => ({ event: e, negotiation, at, changes: [] }) };
  const before = stateIn(view(), at, sections);
  return { after: () => ({ event: e, negotiation, at, changes: diffStates(before, stateIn(view(), at, sections)) }) };
}

/** What an event that cannot act yet changed: nothing (a correction waiting for the event it names). */
export const noEffect = (e: StoredEvent): Effect => ({ event: e, negotiation: null, at: e.occurredAt.to, changes: [] });
