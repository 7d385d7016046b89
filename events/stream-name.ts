import { z } from "zod";

/** Keeps a name every backend can hold as (part of) a stream name. */
const storable = (name: z.ZodString) =>
  name
    // A lone surrogate would be stored as U+FFFD, silently merging two streams' version counters.
    .refine((s) => s.isWellFormed(), "must be well-formed Unicode (no lone surrogates)")
    // EventStoreDB keeps `$` names for its system streams, which it writes but never indexes as a client's.
    .refine((s) => !s.startsWith("$"), "must not start with '$' (reserved for EventStoreDB's system streams)");

/** A stream name any backend can hold: the same rules wherever a writer names a stream. */
export const StreamName = storable(z.string().min(1));

/**
 * What may name a negotiation in a query or a write: it prefixes its streams
 * (`gaza-2026:plan-ceasefire`), so it is a stream name without the separator. A negotiation
 * opened now is named by a slug (NegotiationId); this wider rule still reaches a record from before.
 */
export const NegotiationName = storable(
  z
    .string()
    .min(1, "a negotiation's name cannot be empty")
    .regex(/^[^:]+$/, "a negotiation's name cannot contain ':'"),
);
