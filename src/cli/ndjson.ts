/** A line that is not valid JSON, named by line and column so the writer can find it. */
export class BadLineError extends Error {
  constructor(
    readonly line: number,
    readonly column: number | null,
    readonly reason: string,
  ) {
    super(`line ${line}${column !== null ? `, column ${column}` : ""}: ${reason}`);
    this.name = "BadLineError";
  }
}

/** How JSON.parse fails on `text`, or undefined when it parses. */
function parseFailure(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** True when `prefix` could still become valid JSON: it fails, if at all, only for want of more text. */
function couldContinue(prefix: string): boolean {
  const failure = parseFailure(prefix);
  if (failure === undefined || /^Unexpected end of JSON input/.test(failure)) return true;
  const at = /at position (\d+)/.exec(failure);
  return at !== null && Number(at[1]) >= prefix.length;
}

/**
 * Where JSON `text` first goes wrong, as a 0-based offset: the end of the text when it
 * stops early (a truncated line), else the first character no continuation could fix.
 * JSON.parse does not always say (`Unexpected token '}', "..." is not valid JSON`), so the
 * longest prefix that could still be valid is found by bisection.
 */
export function syntaxErrorOffset(text: string): number {
  let good = 0;
  let bad = text.length;
  if (couldContinue(text)) return text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (couldContinue(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

/**
 * Parses NDJSON strictly: every non-blank line must be one JSON value. A last line that
 * stops mid-value with no newline after it is reported as truncated, never skipped.
 */
export function parseNdjson(text: string): { line: number; value: unknown }[] {
  const lines = text.split("\n");
  const out: { line: number; value: unknown }[] = [];
  lines.forEach((raw, i) => {
    const body = raw.replace(/\r$/, "");
    if (body.trim() === "") return;
    const failure = parseFailure(body);
    if (failure === undefined) return void out.push({ line: i + 1, value: JSON.parse(body) });
    const offset = syntaxErrorOffset(body);
    const stopsEarly = offset === body.length;
    const truncated = stopsEarly && i === lines.length - 1 && !text.endsWith("\n");
    const reason = truncated
      ? `truncated last line: the file ends in the middle of a JSON value (${failure})`
      : stopsEarly
        ? `the line ends in the middle of a JSON value (${failure})`
        : failure;
    throw new BadLineError(i + 1, offset + 1, reason);
  });
  return out;
}

/** JSON (one event, or an array of them) or NDJSON, told apart by the first character. */
export function parseEventFile(text: string): { line: number; value: unknown }[] {
  const trimmed = text.trimStart();
  const firstLine = trimmed.split("\n", 1)[0]!;
  const oneDocument = trimmed.startsWith("[") || (trimmed.startsWith("{") && parseFailure(firstLine) !== undefined);
  if (!oneDocument) return parseNdjson(text);
  const failure = parseFailure(text);
  if (failure !== undefined) {
    const offset = syntaxErrorOffset(text);
    const before = text.slice(0, offset);
    const reason = offset === text.length ? `truncated: the file ends in the middle of the JSON document (${failure})` : failure;
    throw new BadLineError(before.split("\n").length, before.length - before.lastIndexOf("\n"), reason);
  }
  const value: unknown = JSON.parse(text);
  return (Array.isArray(value) ? value : [value]).map((v, i) => ({ line: i + 1, value: v }));
}
