import type { Issue, Party, StancePosition } from "../events/vocabulary.ts";
import { changeOf, defineProjection, fact, refTo, type Change, type Ref } from "./projection.ts";

export interface Stance {
  party: Party;
  issue: Issue;
  position: StancePosition;
  terms: string | null;
  speaker: string | null;
  quote: string | null;
  basis: string | null;
  ref: Ref;
  history: (Change<StancePosition> & { speaker: string | null; terms: string | null })[];
}

/** Keyed `party/issue`: the latest stated stance in valid time wins, the rest is history. */
export type StancesState = Record<string, Stance>;

export const stances = defineProjection({
  name: "stances",
  handles: ["StanceStated"],
  initialState: (): StancesState => ({}),
  apply(state, e) {
    if (e.type !== "StanceStated") return;
    const d = e.data;
    const key = `${d.party}/${d.issue}`;
    const history = state[key]?.history ?? [];
    history.push(fact({ ...changeOf(e, d.position, d.basis ?? d.quote ?? d.position), speaker: d.speaker ?? null, terms: d.terms ?? null }));
    state[key] = {
      party: d.party,
      issue: d.issue,
      position: d.position,
      terms: d.terms ?? null,
      speaker: d.speaker ?? null,
      quote: d.quote ?? null,
      basis: d.basis ?? null,
      ref: refTo(e),
      history,
    };
  },
});
