import { GENESIS, checkChain, describeBreak, type ChainReport } from "../store/chain.ts";
import { isTamperEvident, type EventStore } from "../store/port.ts";
import { SqliteEventStore } from "../store/sqlite.ts";

export interface Verification {
  /** SQLite's integrity check, for a SQLite store: what it found wrong. */
  fileProblems: string[];
  chain: ChainReport;
  /** Events through this position were chained when the store was upgraded, at `at`. */
  chainedLate?: { position: number; at: string };
  /** The hash at a position asked about: what a report published then must show. */
  hashAt?: { position: number; hash: string };
}

/** Checks the file (SQLite) and recomputes the hash chain; a store without a chain cannot be verified. */
export async function verifyStore(store: EventStore, at?: number): Promise<Verification> {
  if (!isTamperEvident(store)) throw new Error("this store keeps no hash chain (only sqlite: and memory stores do); nothing to verify");
  const fileProblems = store instanceof SqliteEventStore ? store.fileProblems() : [];
  if (fileProblems.length) return { fileProblems, chain: { checked: 0, head: GENESIS } };
  const chain = await checkChain(store.links());
  const late = await store.chainedLate();
  const hash = at !== undefined && at <= chain.checked ? await store.hashAt(at) : undefined;
  return { fileProblems, chain, ...(late ? { chainedLate: late } : {}), ...(at !== undefined && hash ? { hashAt: { position: at, hash } } : {}) };
}

/** The first thing wrong, in words, or undefined when the store verifies. */
export function failure(v: Verification): string | undefined {
  if (v.fileProblems.length) return `the SQLite file is damaged: ${v.fileProblems.slice(0, 5).join("; ")}`;
  return v.chain.broken ? describeBreak(v.chain.broken) : undefined;
}

export function describeVerification(v: Verification): string {
  const lines = [`verified ${v.chain.checked} events: the file is intact and the hash chain holds from position 1 to ${v.chain.checked}`, `head hash ${v.chain.head}`];
  if (v.hashAt) lines.push(`hash at position ${v.hashAt.position}: ${v.hashAt.hash}`);
  if (v.chainedLate)
    lines.push(
      `positions 1 to ${v.chainedLate.position} were stored before the chain existed and chained on upgrade at ${v.chainedLate.at}: for them the chain proves no change since then`,
    );
  return lines.join("\n");
}
