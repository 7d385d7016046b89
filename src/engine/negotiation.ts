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
  return namesNegotiation(stream) ? stream.slice(0, stream.indexOf(SEPARATOR)) : DEFAULT_NEGOTIATION;
}

/** True when `stream` already names its negotiation (a prefix before the separator). */
export const namesNegotiation = (stream: string): boolean => stream.indexOf(SEPARATOR) > 0;

/** The stream name that places `stream` in `negotiation`. */
export function streamIn(negotiation: string, stream: string): string {
  return negotiation === DEFAULT_NEGOTIATION ? stream : `${negotiation}${SEPARATOR}${stream}`;
}

export function checkNegotiationName(name: string): void {
  const parsed = NegotiationName.safeParse(name);
  if (!parsed.success) throw new InvalidEventError([{ path: "negotiation", message: `'${name}' is not a negotiation name: ${parsed.error.issues[0]!.message}` }]);
}
