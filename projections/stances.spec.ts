import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import type { Ref } from "./projection.ts";
import { natoKeyQuestion, repeatedlySaid } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";
import { stances, type Stance } from "./stances.ts";

const given = ProjectionSpecification.for(stances);

/** Long-standing: held at some time up to the 20 Nov draft, with no earlier bound. */
const longStanding = { date: "../2025-11-20", label: "long-standing" };
const byNov20: ValidTime = { precision: "interval", from: "0000-01-01T00:00:00.000Z", to: "2025-11-20T23:59:59.999Z", label: "long-standing" };

const russiaRejects = reported(
  "StanceStated",
  longStanding,
  { party: "russia", issue: "nato", position: "rejects", basis: "Russia 'has repeatedly said' that Kyiv must never be allowed to join NATO (000)" },
  repeatedlySaid,
);
const russiaRef: Ref = { eventId: russiaRejects.id, until: "2025-11-20T23:59:59.999Z" };
const russiaOnNato: Stance = {
  party: "russia",
  issue: "nato",
  position: "rejects",
  terms: null,
  speaker: null,
  quote: null,
  basis: "Russia 'has repeatedly said' that Kyiv must never be allowed to join NATO (000)",
  ref: russiaRef,
  history: [
    { kind: "rejects", summary: "Russia 'has repeatedly said' that Kyiv must never be allowed to join NATO (000)", at: byNov20, ref: russiaRef, speaker: null, terms: null },
  ],
};

describe("stances", () => {
  it("keys a stance by party and issue, its basis summarising it in the history", () => {
    given([]).when(russiaRejects).then({ "russia/nato": russiaOnNato });
  });

  it("lets the stance folded last (the latest in valid time) stand, keeping the earlier one in its history", () => {
    const ushakov = reported(
      "StanceStated",
      "2025-12-02",
      { party: "russia", issue: "nato", position: "conditional", speaker: "Yury Ushakov", terms: "NATO membership a key question", quote: "key question" },
      natoKeyQuestion,
    );
    const ref: Ref = { eventId: ushakov.id, until: "2025-12-02T23:59:59.999Z" };
    const dec2: ValidTime = { precision: "day", from: "2025-12-02T00:00:00.000Z", to: "2025-12-02T23:59:59.999Z" };
    given([russiaRejects])
      .when(ushakov)
      .then({
        "russia/nato": {
          party: "russia",
          issue: "nato",
          position: "conditional",
          terms: "NATO membership a key question",
          speaker: "Yury Ushakov",
          quote: "key question",
          basis: null,
          ref,
          // Without a basis, the quote summarises it.
          history: [...russiaOnNato.history, { kind: "conditional", summary: "key question", at: dec2, ref, speaker: "Yury Ushakov", terms: "NATO membership a key question" }],
        },
      });
  });

  it("keeps another party's stance on the same issue beside it, summarised by its position when nothing else is said", () => {
    const ukraine = reported("StanceStated", longStanding, { party: "ukraine", issue: "nato", position: "supports" }, natoKeyQuestion);
    const ref: Ref = { eventId: ukraine.id, until: "2025-11-20T23:59:59.999Z" };
    given([russiaRejects])
      .when(ukraine)
      .then({
        "russia/nato": russiaOnNato,
        "ukraine/nato": {
          party: "ukraine",
          issue: "nato",
          position: "supports",
          terms: null,
          speaker: null,
          quote: null,
          basis: null,
          ref,
          history: [{ kind: "supports", summary: "supports", at: byNov20, ref, speaker: null, terms: null }],
        },
      });
  });
});
