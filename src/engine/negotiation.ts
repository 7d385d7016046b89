import { InvalidEventError } from "../../events/envelope.ts";
import { NegotiationName } from "../../events/stream-name.ts";

/**
 * A store keeps many negotiations; each event belongs to the one its stream names. A
 * stream "gaza-2026:plan-ceasefire" belongs to negotiation "gaza-2026". The streams the
 * catalogue derives (plan-…, party-…, meeting-…) never contain a colon. Every write names
 * its negotiation; events stored before that rule, without a prefix, read as "default".
 */
const DEFAULT_NEGOTIATION = "default";

const SEPARATOR = ":";

export function negotiationOf(stream: string): string {
  const at = stream.indexOf(SEPARATOR);
  return at > 0 ? stream.slice(0, at) : DEFAULT_NEGOTIATION;
}

/** The stream name that places `stream` in `negotiation`. */
export function streamIn(negotiation: string, stream: string): string {
  return negotiation === DEFAULT_NEGOTIATION ? stream : `${negotiation}${SEPARATOR}${stream}`;
}

/** Queries parse with the core's rule; re-exported while query.ts still imports it from here. */
export { NegotiationName };

export function checkNegotiationName(name: string): void {
  const parsed = NegotiationName.safeParse(name);
  if (!parsed.success) throw new InvalidEventError([{ path: "negotiation", message: `'${name}' is not a negotiation name: ${parsed.error.issues[0]!.message}` }]);
}
