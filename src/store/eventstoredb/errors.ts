import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { VersionConflictError, type ExpectedVersion } from "../port.ts";
import { fromCurrentRevision } from "./revision.ts";

/**
 * The server's conflict, in the port's words. The stream is Parley's name (without any
 * namespace) and `expected` is what the caller asked for, which is what it can act on.
 */
export function translateAppendError(err: unknown, stream: string, expected: ExpectedVersion): unknown {
  if (err instanceof WrongExpectedVersionError) return new VersionConflictError(stream, expected, fromCurrentRevision(err.actualVersion));
  // Appends are split well below the default limit, so only one huge event or a server set far lower gets here.
  if (err instanceof MaxAppendSizeExceededError)
    return new Error(
      `an append to '${stream}' is over the server's maximum append size (${err.maxAppendSize} bytes, MaxAppendSize): raise it on the server, or store smaller events`,
    );
  return err;
}

/** What `discoverEndpoint` throws (client 6.2.1, dist/Client/discovery.js) when no node is a leader yet, as during an election. */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

/**
 * Errors after which a subscription should reconnect rather than fail: the node is down
 * or restarting, a call timed out, leadership moved to another node of the cluster, the
 * server cancelled a long call (the client itself reconnects on CancelledError), a stream
 * was reset or the server failed internally (the client reports both as UnknownError), or
 * cluster discovery found no leader within its attempts.
 */
export function isTransient(err: unknown): boolean {
  return (
    err instanceof UnavailableError ||
    err instanceof NotLeaderError ||
    err instanceof DeadlineExceededError ||
    err instanceof TimeoutError ||
    err instanceof CancelledError ||
    err instanceof UnknownError ||
    (err instanceof Error && DISCOVERY_FAILED.test(err.message))
  );
}
