import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Chronicle } from "./engine/chronicle.ts";

/** The history Parley ships with: every development the five seed articles report. */
export const BUNDLED_HISTORY = fileURLToPath(new URL("../history/ukraine-2025.json", import.meta.url));

/** The negotiation the bundled history records, opened by its first event. */
export const BUNDLED_NEGOTIATION = "ukraine-2025";

export function bundledHistory(): { id: string }[] {
  return JSON.parse(readFileSync(BUNDLED_HISTORY, "utf8"));
}

/** Loads the bundled history; events already stored (by id) are left alone, so seeding twice adds nothing. */
export async function seed(chronicle: Chronicle): Promise<{ added: number; alreadyStored: number }> {
  const stored = new Set(chronicle.events.map((e) => e.id));
  const missing = bundledHistory().filter((e) => !stored.has(e.id));
  if (missing.length > 0) await chronicle.record(missing, { negotiation: BUNDLED_NEGOTIATION });
  return { added: missing.length, alreadyStored: stored.size === 0 ? 0 : bundledHistory().length - missing.length };
}
