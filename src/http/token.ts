import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface ApiToken {
  token: string;
  /** Where an operator finds it; never the token itself, which stays out of logs. */
  origin: string;
}

const generate = () => randomBytes(32).toString("base64url");

/** The file beside the database; stores without a file of their own keep it under ./data. */
function tokenFileFor(storeLocator: string): string | undefined {
  if (storeLocator === "memory") return undefined;
  const base = storeLocator.startsWith("sqlite:") ? dirname(storeLocator.slice("sqlite:".length)) : "data";
  return join(base, "api-token");
}

/**
 * The write token: PARLEY_API_TOKEN when set; else the one stored beside the database,
 * generated (mode 0600) on first start. A memory store's token lives as long as the process.
 */
export function resolveToken(storeLocator: string, configured: string | undefined): ApiToken {
  if (configured) return { token: configured, origin: "PARLEY_API_TOKEN" };
  const file = tokenFileFor(storeLocator);
  if (!file) return { token: generate(), origin: "memory" };
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (!stored) throw new Error(`the API token file ${file} is empty; delete it to have a new token generated, or set PARLEY_API_TOKEN`);
    return { token: stored, origin: file };
  }
  mkdirSync(dirname(file), { recursive: true });
  const token = generate();
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  return { token, origin: file };
}
