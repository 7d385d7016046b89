import { randomUUID } from "node:crypto";
import { parseEvent, type PendingEvent } from "../../events/envelope.ts";
import type { Issue, Party, StancePosition } from "../../events/vocabulary.ts";

/** A source a test writer might cite: not one of the seeds, so it never collides with the bundled history. */
export const analystSource = { outlet: "Test Wire", title: "Test report", publishedAt: "2025-12-05", quote: "A test quote." };

/** A valid StanceStated input; tests vary one field at a time from here. */
export function stanceInput(
  overrides: {
    party?: Party;
    issue?: Issue;
    position?: StancePosition;
    occurredAt?: unknown;
    reportedAt?: string;
    id?: string;
    speaker?: string;
  } = {},
) {
  const { party = "europe", issue = "nato", position = "supports", occurredAt = "2025-12-05", reportedAt = "2025-12-05", id, speaker } = overrides;
  return {
    ...(id ? { id } : {}),
    type: "StanceStated",
    occurredAt,
    reportedAt,
    sources: [analystSource],
    data: { party, issue, position, ...(speaker ? { speaker } : {}) },
  };
}

/** A negotiation for tests on an empty store: it declares the parties and issues `stanceInput` names. */
/** A correction of the event `correctedEventId`, as an analyst would write it on 6 December. */
export const correctionInput = (correctedEventId: string, data: Record<string, unknown>, reason = "misread") => ({
  type: "ReportCorrected",
  occurredAt: "2025-12-06",
  reportedAt: "2025-12-06",
  sources: [analystSource],
  data: { correctedEventId, reason, data },
});

export const TEST_NEGOTIATION = "test-talks";

export function openingInput(negotiationId = TEST_NEGOTIATION) {
  return {
    type: "NegotiationOpened",
    occurredAt: "2025-01",
    sources: [],
    data: {
      negotiationId,
      title: "Test talks",
      parties: ["us", "russia", "ukraine", "europe"].map((id) => ({ id, name: id })),
      issues: ["nato", "territory", "security-guarantees", "military-limits"].map((id) => ({ id, proposition: `a proposition about ${id}` })),
    },
  };
}

/** A validated event bound for `stream`, for store-level tests that bypass the engine. */
export function pending(stream: string, n = 0): PendingEvent {
  return { ...parseEvent({ ...stanceInput({ speaker: `speaker ${n}` }), id: randomUUID() }), stream };
}

/** An event as an analyst leaves it after review: valid in the bundled negotiation. */
export const reviewedEvent = () => stanceInput({ issue: "territory", position: "rejects" });

/** The same event still carrying the annotation `parley draft` gives every proposal. */
export const draftedEvent = (needs: string[]) => ({ ...reviewedEvent(), draft: { cues: ["said"], confidence: 0.6, needs } });
