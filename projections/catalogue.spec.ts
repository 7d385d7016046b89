import { describe, expect, it } from "vitest";
import { eventTypes } from "../events/catalogue.ts";
import type { StoredEvent } from "../events/envelope.ts";
import { catalogueSamples } from "../test/support/catalogue-samples.ts";
import { applyEvent, foldedBy, initialState, projectionNames, timelineProjections, vocabulary } from "./index.ts";
import { ProjectionSpecification, otherTypes, recorded } from "./specification.ts";

const projections = [...projectionNames.map((n) => timelineProjections[n]), vocabulary];

/**
 * One event of every type, in catalogue order, each aimed at what the ones before it set up
 * (the sample cancellation and rewording name a meeting and an issue the samples never declare).
 */
const samples: StoredEvent[] = eventTypes.map((type) => {
  const sample = catalogueSamples[type]!;
  const data = sample.data as Record<string, unknown>;
  if (type === "MeetingCancelled") return recorded({ ...sample, data: { ...data, meetingId: "berlin-2025-12-05" } });
  if (type === "IssueReworded") return recorded({ ...sample, data: { ...data, issueId: "reconstruction" } });
  return recorded(sample);
});

describe("the catalogue, projection by projection", () => {
  it("has every event type folded by a projection or handled by the engine, for a stated reason", () => {
    expect(Object.keys(foldedBy).sort()).toEqual([...eventTypes].sort());
    for (const type of eventTypes) {
      const decision = foldedBy[type];
      if ("engine" in decision) expect(decision.engine.length, type).toBeGreaterThan(40);
      else expect(decision.length, type).toBeGreaterThan(0);
    }
  });

  it("lists, for each type, exactly the projections whose `handles` name it", () => {
    for (const type of eventTypes) {
      const handlers = projections.filter((p) => (p.handles as readonly string[]).includes(type)).map((p) => p.name);
      const decision = foldedBy[type];
      expect(handlers.sort(), type).toEqual("engine" in decision ? [] : [...decision].sort());
    }
  });

  it("names each handled type once, and only types the catalogue has", () => {
    for (const p of projections) {
      expect(new Set(p.handles).size, p.name).toBe(p.handles.length);
      for (const type of p.handles) expect(eventTypes, p.name).toContain(type);
    }
  });

  for (const projection of projections) {
    const given = ProjectionSpecification.for<unknown>(projection);
    const handled = samples.filter((e) => (projection.handles as readonly string[]).includes(e.type));

    it(`${projection.name}: each handled type changes its state, after the samples before it`, () => {
      for (const e of handled) {
        const before = handled.slice(0, handled.indexOf(e));
        expect(() => given(before).when(e).thenUnchanged(), `${projection.name} ignored ${e.type}`).toThrow(/to strictly equal/);
      }
    });

    it(`${projection.name}: any other type leaves it as it was`, () => {
      for (const e of otherTypes(projection, samples)) given(handled).when(e).thenUnchanged();
    });
  }

  it("folds an event only into the parts of the state whose projections handle its type", () => {
    const state = initialState();
    for (const e of samples) {
      const before = structuredClone(state);
      applyEvent(state, e);
      for (const name of projectionNames) {
        if (!(timelineProjections[name].handles as readonly string[]).includes(e.type)) expect(state[name], `${name} on ${e.type}`).toStrictEqual(before[name]);
      }
    }
  });
});
