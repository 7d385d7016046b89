import type { JSONEventData } from "@eventstore/db-client";
import convert from "@eventstore/db-client/dist/utils/convertGrpcEvent.js";
import streamsPb from "@eventstore/db-client/generated/streams_pb.js";
import { readEvent } from "./esdb.wire-double.ts";

/**
 * What the server sends back for an appended event, built as real protobuf bytes the way
 * the wire-level gRPC test double sends them, and decoded by the client's own converter:
 * the JSON encoding of data and metadata is the one the client's append uses, and the
 * record carries a stream revision and a `$all` position as the server reports them
 * (decimal strings of 64-bit integers).
 */
export function throughTheWire(sent: JSONEventData, at: { streamId: string; revision: bigint; commit: bigint; prepare: bigint; created: Date }) {
  // gRPC appends are reported at commit = prepare; the double sends nothing else.
  if (at.commit !== at.prepare) throw new Error("the wire-level test double only sends records at commit = prepare");
  const bytes = readEvent({
    streamId: at.streamId,
    revision: at.revision,
    position: at.commit,
    id: sent.id,
    type: sent.type,
    contentType: sent.contentType,
    data: Buffer.from(JSON.stringify(sent.data), "utf8"),
    metadata: Buffer.from(JSON.stringify(sent.metadata), "utf8"),
    created: at.created,
  }).serializeBinary();
  return convert.convertGrpcEvent(streamsPb.ReadResp.deserializeBinary(bytes).getEvent()!);
}
