import { describe, expect, it } from "vitest";
import { InvalidEventError } from "../../events/envelope.ts";
import { NegotiationName } from "../../events/stream-name.ts";
import { checkNegotiationName } from "../../src/engine/negotiation.ts";

// A negotiation's name prefixes its streams ("gaza-2026:plan-ceasefire"), so a write, a query
// and the CLI refuse the same names, for the same reasons.
const refused: [string, RegExp][] = [
  ["", /cannot be empty/],
  ["geneva:track", /cannot contain ':'/],
  ["$all", /must not start with '\$'/],
  ["bad\ud800", /well-formed Unicode/],
];

describe("one rule names a negotiation", () => {
  it.each(refused)("%j is refused wherever it is given", (name, why) => {
    expect(NegotiationName.safeParse(name).error?.issues[0]?.message).toMatch(why);
    expect(() => checkNegotiationName(name)).toThrow(InvalidEventError);
    expect(() => checkNegotiationName(name)).toThrow(why);
  });

  it("a legacy name that is not a slug still reaches its record", () => {
    for (const name of ["default", "Gaza 2026", "ukraine-2025"]) {
      expect(NegotiationName.parse(name)).toBe(name);
      expect(() => checkNegotiationName(name)).not.toThrow();
    }
  });
});
