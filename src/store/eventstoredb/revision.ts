import { ANY, NO_STREAM, type AppendExpectedRevision, type CurrentRevision } from "@eventstore/db-client";
import type { ExpectedVersion } from "../port.ts";

/** Parley's stream version is EventStoreDB's stream revision: both count from 0. */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === "any") return ANY;
  if (expected === "no_stream") return NO_STREAM;
  return BigInt(expected);
}

export function fromCurrentRevision(current: CurrentRevision): number | "no_stream" {
  return current === NO_STREAM ? "no_stream" : toSafeNumber(current);
}

export function toSafeNumber(value: bigint): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${value} does not fit a safe integer`);
  return Number(value);
}
