/** Where a PostgreSQL record lives: the server (a libpq-style URL) and the schema holding its table. */
export interface PostgresLocation {
  /** The connection string without Parley's own `schema` parameter. */
  connectionString: string;
  schema: string;
}

export const DEFAULT_SCHEMA = "parley";

/** Schema names are spliced into SQL, so only plain identifiers are taken. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** `postgres://user@host:5432/db?schema=NAME`: the schema defaults to "parley"; everything else goes to the driver. */
export function parseLocator(locator: string): PostgresLocation {
  const url = new URL(locator);
  const schema = url.searchParams.get("schema") ?? DEFAULT_SCHEMA;
  if (!IDENTIFIER.test(schema)) throw new Error(`PARLEY_STORE schema '${schema}' is not a plain lower-case identifier (letters, digits, _; at most 63)`);
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

export const isPostgresLocator = (locator: string) => locator.startsWith("postgres://") || locator.startsWith("postgresql://");
