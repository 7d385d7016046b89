import { z } from "zod";

/**
 * An event id: a UUID, kept lowercased whatever case it was written in. EventStoreDB
 * stores ids as .NET Guids and returns them lowercased, so an uppercase id would be
 * written and then never found again; every backend keeps the one form.
 */
export const EventId = z.uuid().transform((id) => id.toLowerCase());
