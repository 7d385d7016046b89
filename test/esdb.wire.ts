import type { JSONEventData } from "@eventstore/db-client";
import convert from "@eventstore/db-client/dist/utils/convertGrpcEvent.js";
import uuid from "@eventstore/db-client/dist/utils/grpcUUID.js";
import streamIds from "@eventstore/db-client/dist/utils/grpcStreamIdentifier.js";
import streamsPb from "@eventstore/db-client/generated/streams_pb.js";

const TICKS_PER_MS = 10_000n;

/**
 * What the server sends back for an appended event, built as real protobuf bytes and
 * decoded by the client's own converter: the JSON encoding of data and metadata is the
 * one the client's append uses, and the record carries a stream revision and a `$all`
 * position as the server reports them (decimal strings of 64-bit integers).
 */
export function throughTheWire(sent: JSONEventData, at: { streamId: string; revision: bigint; commit: bigint; prepare: bigint; created: Date }) {
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  record.setId(uuid.createUUID(sent.id));
  record.setStreamIdentifier(streamIds.createStreamIdentifier(at.streamId));
  record.setStreamRevision(at.revision.toString());
  record.setCommitPosition(at.commit.toString());
  record.setPreparePosition(at.prepare.toString());
  record.getMetadataMap().set("type", sent.type);
  record.getMetadataMap().set("content-type", sent.contentType);
  record.getMetadataMap().set("created", (BigInt(at.created.getTime()) * TICKS_PER_MS).toString());
  record.setData(Buffer.from(JSON.stringify(sent.data), "utf8"));
  record.setCustomMetadata(Buffer.from(JSON.stringify(sent.metadata), "utf8"));
  const message = new streamsPb.ReadResp.ReadEvent();
  message.setEvent(record);
  message.setCommitPosition(at.commit.toString());
  const bytes = message.serializeBinary();
  return convert.convertGrpcEvent(streamsPb.ReadResp.ReadEvent.deserializeBinary(bytes));
}
