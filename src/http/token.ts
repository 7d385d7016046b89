import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface ApiToken {
  token: string;
  /** Where an operator finds it; never the token itself, which stays out of logs. */
  origin: string;
  /** A memory store's token: a new one each start, in a private temporary directory. */
  ephemeral: boolean;
}

const generate = () => randomBytes(32).toString("base64url");

/** The file beside the database; stores without a file of their own keep it under ./data. */
export function tokenFileFor(storeLocator: string): string | undefined {
  if (storeLocator === "memory") return undefined;
  const base = storeLocator.startsWith("sqlite:") ? dirname(storeLocator.slice("sqlite:".length)) : "data";
  return join(base, "api-token");
}

function store(file: string): string {
  const token = generate();
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  return token;
}

/**
 * The write token: PARLEY_API_TOKEN when set; else the one stored beside the database,
 * generated (mode 0600) on first start. A memory store's token lives as long as the process,
 * in a file of its own too: the log names where a token is, never the token.
 */
export function resolveToken(storeLocator: string, configured: string | undefined): ApiToken {
  if (configured) return { token: configured, origin: "PARLEY_API_TOKEN", ephemeral: false };
  const file = tokenFileFor(storeLocator);
  if (!file) {
    const temporary = join(mkdtempSync(join(tmpdir(), "parley-token-")), "api-token");
    return { token: store(temporary), origin: temporary, ephemeral: true };
  }
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (!stored) throw new Error(`the API token file ${file} is empty; delete it to have a new token generated, or set PARLEY_API_TOKEN`);
    return { token: stored, origin: file, ephemeral: false };
  }
  mkdirSync(dirname(file), { recursive: true });
  return { token: store(file), origin: file, ephemeral: false };
}
