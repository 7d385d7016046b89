/** A line that is not valid JSON, named by line and column so the writer can find it. */
export class BadLineError extends Error {
  constructor(readonly line: number, readonly column: number | null, readonly reason: string) {
    super(`line ${line}${column !== null ? `, column ${column}` : ""}: ${reason}`);
    this.name = "BadLineError";
  }
}

function columnOf(message: string, text: string): number | null {
  const m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]) + 1;
  return /end of JSON input|Unterminated|Unexpected end/i.test(message) ? text.length + 1 : null;
}

/**
 * Parses NDJSON strictly: every non-blank line must be one JSON value. A file whose last
 * line does not end in a newline and fails to parse is reported as truncated, not skipped.
 */
export function parseNdjson(text: string): { line: number; value: unknown }[] {
  const lines = text.split("\n");
  const out: { line: number; value: unknown }[] = [];
  lines.forEach((raw, i) => {
    const body = raw.replace(/\r$/, "");
    if (body.trim() === "") return;
    try {
      out.push({ line: i + 1, value: JSON.parse(body) });
    } catch (err) {
      const message = (err as Error).message;
      const truncated = i === lines.length - 1 && !text.endsWith("\n");
      throw new BadLineError(i + 1, columnOf(message, body), truncated ? `truncated last line (${message})` : message);
    }
  });
  return out;
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** JSON (one event, or an array of them) or NDJSON, told apart by the first character. */
export function parseEventFile(text: string): { line: number; value: unknown }[] {
  const trimmed = text.trimStart();
  const firstLine = trimmed.split("\n", 1)[0]!;
  const oneDocument = trimmed.startsWith("[") || (trimmed.startsWith("{") && !parsesAlone(firstLine));
  if (!oneDocument) return parseNdjson(text);
  try {
    const value: unknown = JSON.parse(text);
    return (Array.isArray(value) ? value : [value]).map((v, i) => ({ line: i + 1, value: v }));
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    if (!at) throw new BadLineError(text.split("\n").length, null, message);
    const before = text.slice(0, Number(at[1]));
    const line = before.split("\n").length;
    throw new BadLineError(line, before.length - before.lastIndexOf("\n"), message);
  }
}
