import { DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError, WrongExpectedVersionError } from "@eventstore/db-client";
import { VersionConflictError, type ExpectedVersion } from "../port.ts";
import { fromCurrentRevision } from "./revision.ts";

/**
 * The server's conflict, in the port's words. The stream is Parley's name (without any
 * namespace) and `expected` is what the caller asked for, which is what it can act on.
 */
export function translateAppendError(err: unknown, stream: string, expected: ExpectedVersion): unknown {
  if (err instanceof WrongExpectedVersionError) return new VersionConflictError(stream, expected, fromCurrentRevision(err.actualVersion));
  return err;
}

/**
 * Errors after which a subscription should reconnect rather than fail: the node is down
 * or restarting, a call timed out, or leadership moved to another node of the cluster.
 */
export function isTransient(err: unknown): boolean {
  return err instanceof UnavailableError || err instanceof NotLeaderError || err instanceof DeadlineExceededError || err instanceof TimeoutError;
}
