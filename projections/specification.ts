/**
 * Given/when/then for projections, after Emmett's `DeciderSpecification`: given the events
 * a projection has folded, when one more arrives, then its state is this (or unchanged).
 *
 *   const given = ProjectionSpecification.for(meetings);
 *   given([scheduled]).when(cancelled).then({ … });
 *   given([held]).when(stanceStated).thenUnchanged();
 *
 * It folds the way the engine does: from `initialState()`, each event applied in place by the
 * recipe (or, for the vocabulary, replaced by `evolve`). Test code only; nothing from `src/`.
 */
import { expect } from "vitest";
import type { EventType } from "../events/catalogue.ts";
import { parseEvent, type StoredEvent } from "../events/envelope.ts";
import type { Projection } from "./projection.ts";

type Recipe<S> = Pick<Projection<S>, "name" | "handles" | "initialState"> & { apply(state: S, event: never): void };
type Evolving<S> = Pick<Projection<S>, "name" | "handles" | "initialState"> & { evolve(state: S, event: StoredEvent): S };

let position = 0;

/**
 * An event as the store holds it, from what a writer sends: checked by the catalogue's
 * schemas (dates resolved to intervals as the engine stores them) and given the next place.
 */
export function recorded(input: Record<string, unknown>, recordedAt = "2025-12-03T18:00:00.000Z"): StoredEvent {
  position++;
  return { ...parseEvent(input), position, streamVersion: position, recordedAt };
}

export const ProjectionSpecification = {
  for<S>(projection: Recipe<S> | Evolving<S>) {
    const step = (state: S, event: StoredEvent): S => {
      if ("evolve" in projection) return projection.evolve(state, event);
      projection.apply(state, event as never);
      return state;
    };
    const handles = (type: string) => (projection.handles as readonly string[]).includes(type);

    return (given: StoredEvent | StoredEvent[] = []) => ({
      when(event: StoredEvent) {
        const run = () => {
          const before = [given].flat().reduce(step, projection.initialState());
          const copy = structuredClone(before);
          return { copy, after: step(before, event) };
        };
        return {
          then(expected: S): void {
            if (!handles(event.type)) throw new Error(`${projection.name} does not handle ${event.type}: expect it unchanged (thenUnchanged)`);
            expect(run().after).toStrictEqual(expected);
          },
          /** Nothing changes: an event of a type it does not handle, or one its rules ignore. */
          thenUnchanged(): void {
            const { copy, after } = run();
            expect(after).toStrictEqual(copy);
          },
        };
      },
    });
  },
};

/** One event of every type the catalogue names, for checking that a projection ignores the rest. */
export const otherTypes = (projection: Pick<Projection<unknown>, "handles">, samples: readonly StoredEvent[]): StoredEvent[] =>
  samples.filter((e) => !(projection.handles as readonly string[]).includes(e.type));

/** The seed articles' day: every development in them was reported on 3 December 2025. */
const SEEDS_PUBLISHED = "2025-12-03";

/**
 * A development as an article reports it: `quote` is the sentence it rests on, verbatim. By
 * default the article is a seed, published on 3 Dec 2025 and scraped without its masthead.
 */
export function reported(
  type: EventType,
  occurredAt: unknown,
  data: Record<string, unknown>,
  source: { quote: string; seed?: string; outlet?: string; publishedAt?: string },
): StoredEvent {
  const publishedAt = source.publishedAt ?? SEEDS_PUBLISHED;
  return recorded({ type, occurredAt, reportedAt: publishedAt, sources: [{ outlet: null, ...source, publishedAt }], data });
}
