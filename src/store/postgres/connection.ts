import pg from "pg";

/** Socket-level failures: the server went away, refused us, or the network did. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * True when the error says the connection, not the request, failed: worth reconnecting and
 * trying again. SQLSTATE classes 08 (connection exception) and 57P (the server terminated
 * the backend, is shutting down or starting up), and too_many_connections.
 */
export function connectionLost(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return !!error.code && (error.code.startsWith("08") || error.code.startsWith("57P") || error.code === "53300");
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (code !== undefined && SOCKET_CODES.has(code)) || /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i.test(error.message);
}

/** int8 (positions, counts) as numbers: a record will not reach 2^53 events. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** Connections name the record they serve, so an operator (or a test) can tell them apart in pg_stat_activity. */
export const clientConfig = (connectionString: string, schema: string): pg.ClientConfig => ({
  connectionString,
  types,
  application_name: `parley ${schema}`,
  connectionTimeoutMillis: 5_000,
  keepAlive: true,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
