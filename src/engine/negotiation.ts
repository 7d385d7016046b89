/**
 * A store keeps many negotiations; each event belongs to the one its stream names. A
 * stream "gaza-2026:plan-ceasefire" belongs to negotiation "gaza-2026". The streams the
 * catalogue derives (plan-…, party-…, meeting-…) never contain a colon, so events written
 * without a prefix, like the bundled history, belong to the default negotiation.
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
