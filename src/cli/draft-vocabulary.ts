import { issuePropositions } from "../../events/vocabulary.ts";
import { bundledHistory } from "../history.ts";
import { vocabularyFromEvents } from "../intake/vocabulary-from-events.ts";
import type { DraftVocabulary } from "../intake/vocabulary.ts";

/**
 * MERGE POINT (issue 10, "Any negotiation"): drafting reads its vocabulary from the bundled
 * history file for now. Once the engine holds NegotiationOpened / PartyAdded / IssueAdded,
 * this becomes a read of the negotiation's state, and the stand-in below goes: the bundled
 * history will then declare its parties' names and aliases itself.
 */
const standIn: Pick<DraftVocabulary, "parties" | "issues"> = {
  parties: [
    { id: "us", name: "United States", aliases: ["US", "U.S.", "U. S.", "American", "Americans", "Washington", "the White House", "Trump Administration"] },
    { id: "russia", name: "Russia", aliases: ["Russian", "Russians", "Moscow", "the Kremlin", "Kremlin"] },
    { id: "ukraine", name: "Ukraine", aliases: ["Ukrainian", "Ukrainians", "Kyiv", "Kiev"] },
    { id: "europe", name: "Europe", aliases: ["European", "Europeans", "EU", "European Union", "Brussels"] },
  ],
  issues: Object.entries(issuePropositions).map(([id, proposition]) => ({ id, proposition })),
};

/** The one negotiation the bundled history holds: "default" until issue 10 names it by its stream prefix. */
const BUNDLED_NEGOTIATIONS = ["ukraine-2025", "default"];

export function draftVocabulary(negotiation?: string): DraftVocabulary {
  if (negotiation !== undefined && !BUNDLED_NEGOTIATIONS.includes(negotiation))
    throw new Error(`no negotiation '${negotiation}' to draft into; drafting reads the bundled history for now, which holds: ${BUNDLED_NEGOTIATIONS.join(" (or ")})`);
  const events = bundledHistory() as unknown as { type: string; stream?: string; data: Record<string, unknown> }[];
  const own = negotiation === undefined ? events : events.filter((e) => !e.stream?.includes(":") || e.stream.startsWith(`${negotiation}:`));
  return vocabularyFromEvents(own, standIn);
}
