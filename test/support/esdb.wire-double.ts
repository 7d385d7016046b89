import * as grpc from "@grpc/grpc-js";
import codePb from "@eventstore/db-client/generated/code_pb.js";
import featuresGrpc from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";
import featuresPb from "@eventstore/db-client/generated/serverfeatures_pb.js";
import sharedPb from "@eventstore/db-client/generated/shared_pb.js";
import statusPb from "@eventstore/db-client/generated/status_pb.js";
import streamsGrpc from "@eventstore/db-client/generated/streams_grpc_pb.js";
import streamsPb from "@eventstore/db-client/generated/streams_pb.js";
import anyPb from "google-protobuf/google/protobuf/any_pb.js";
import emptyPb from "google-protobuf/google/protobuf/empty_pb.js";

/**
 * A WIRE-LEVEL gRPC TEST DOUBLE: an in-process gRPC server on 127.0.0.1 speaking the
 * protocol of `@eventstore/db-client`, built from the client's own generated protos. It is
 * NOT EventStoreDB. It keeps a log in memory, answers stream and `$all` reads, catch-up
 * subscriptions (with stream-name and event-type filters) and batch appends, and injects
 * the failures a real deployment shows (CANCELLED, UNAVAILABLE, INTERNAL, oversized
 * appends, a subscription dropped midway). It shows what the adapter sends and how it
 * recovers; what a real server decides (ordering under load, scavenging, elections,
 * its exact size accounting) it only imitates, as the README says.
 *
 * The server rules it imitates, each stated where it is coded: ids come back lowercased
 * (the server keeps a .NET Guid), `$all` positions are log offsets with commit = prepare,
 * a read of `$all` from a position includes it while a subscription from one excludes it,
 * and a transaction whose events exceed `maxAppendSize` bytes (1 MiB by default) is refused.
 */

export interface WireRecord {
  streamId: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Buffer;
  metadata: Buffer;
  created: Date;
}

/** A failure the double answers the next matching call with. */
export interface WireFault {
  code: grpc.status;
  details?: string;
}

type CallKind = "read" | "subscribe" | "append";

interface Subscriber {
  call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
  matches: (r: WireRecord) => boolean;
}

interface PendingBatch {
  stream: string;
  expected: streamsPb.BatchAppendReq.Options;
  messages: streamsPb.BatchAppendReq.ProposedMessage[];
}

const DEFAULT_MAX_APPEND = 1024 * 1024;
const RECORD_OVERHEAD = 120n;

export class WireDouble {
  readonly log: WireRecord[] = [];
  /** What the adapter sent: one entry per append transaction, with its event count and payload bytes. */
  readonly appends: { stream: string; events: number; bytes: number }[] = [];
  /** How many calls of each kind arrived, failed ones included. */
  readonly calls: Record<CallKind, number> = { read: 0, subscribe: 0, append: 0 };
  /** How many reads of `$all` (not of one stream, not subscriptions) arrived. */
  allReads = 0;
  maxAppendSize = DEFAULT_MAX_APPEND;
  private readonly faults: Record<CallKind, WireFault[]> = { read: [], subscribe: [], append: [] };
  private readonly subscribers = new Set<Subscriber>();
  private nextPosition = 1000n;
  private interloper: (() => void) | undefined;

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  /** Starts the double on a free loopback port. */
  static async start(): Promise<WireDouble> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const double = new WireDouble(server, port);
    server.addService(streamsGrpc.StreamsService, double.streamsService());
    server.addService(featuresGrpc.ServerFeaturesService, double.featuresService());
    return double;
  }

  /** A connection string for the client: one node, no TLS, no discovery. */
  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** The next call of this kind fails with `fault` (queued: one fault per call). */
  failNext(kind: CallKind, fault: WireFault): void {
    this.faults[kind].push(fault);
  }

  /** Runs `fn` once, just before the next append transaction is decided: a concurrent writer slipping in. */
  beforeNextAppend(fn: () => void): void {
    this.interloper = fn;
  }

  /** Forgets every queued fault. */
  clearFaults(): void {
    for (const queue of Object.values(this.faults)) queue.length = 0;
  }

  /** Ends every open subscription with `fault`, as a node that drops its clients does. */
  dropSubscriptions(fault: WireFault): void {
    for (const s of this.subscribers) s.call.emit("error", { code: fault.code, details: fault.details ?? "dropped by the test double" });
    this.subscribers.clear();
  }

  get openSubscriptions(): number {
    return this.subscribers.size;
  }

  /** Writes straight into the log, as another application (or a hand-made event) would. */
  appendRaw(streamId: string, events: { id: string; type: string; data: unknown; metadata?: unknown }[]): WireRecord[] {
    return this.commit(
      streamId,
      events.map((e) => ({
        id: e.id,
        type: e.type,
        contentType: "application/json",
        data: Buffer.from(JSON.stringify(e.data)),
        metadata: e.metadata === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(e.metadata)),
      })),
    );
  }

  async stop(): Promise<void> {
    this.dropSubscriptions({ code: grpc.status.UNAVAILABLE, details: "test double stopping" });
    this.server.forceShutdown();
  }

  private takeFault(kind: CallKind): WireFault | undefined {
    this.calls[kind]++;
    return this.faults[kind].shift();
  }

  private revisionOf(streamId: string): bigint | undefined {
    let last: bigint | undefined;
    for (const r of this.log) if (r.streamId === streamId) last = r.revision;
    return last;
  }

  private commit(streamId: string, events: Omit<WireRecord, "streamId" | "revision" | "position" | "created">[]): WireRecord[] {
    let revision = this.revisionOf(streamId) ?? -1n;
    const written = events.map((e) => {
      // The server keeps ids as .NET Guids and prints them lowercased.
      const record = { ...e, id: e.id.toLowerCase(), streamId, revision: ++revision, position: this.nextPosition, created: new Date() };
      this.nextPosition += RECORD_OVERHEAD + BigInt(e.data.length + e.metadata.length);
      return record;
    });
    this.log.push(...written);
    for (const s of this.subscribers) for (const r of written) if (s.matches(r)) s.call.write(readEvent(r));
    return written;
  }

  private featuresService(): grpc.UntypedServiceImplementation {
    return {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<featuresPb.SupportedMethods>) => {
        const methods = ["Read", "BatchAppend"].map((name) => {
          const m = new featuresPb.SupportedMethod();
          m.setServiceName("event_store.client.streams.Streams");
          m.setMethodName(name);
          return m;
        });
        const supported = new featuresPb.SupportedMethods();
        supported.setMethodsList(methods);
        supported.setEventStoreServerVersion("0.0.0-wire-double");
        callback(null, supported);
      },
    };
  }

  private streamsService(): grpc.UntypedServiceImplementation {
    const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: "not part of the wire-level test double" });
    return {
      read: (call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>) => this.read(call),
      batchAppend: (call: grpc.ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>) => this.batchAppend(call),
      append: unimplemented,
      delete: unimplemented,
      tombstone: unimplemented,
    };
  }

  private read(call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>): void {
    const options = call.request.getOptions()!;
    const subscribing = options.hasSubscription();
    const fault = this.takeFault(subscribing ? "subscribe" : "read");
    if (fault) return void call.emit("error", { code: fault.code, details: fault.details ?? "injected by the test double" });
    if (options.hasStream()) return this.readStream(call, options);
    const all = options.getAll()!;
    const from = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : all.hasEnd() ? this.nextPosition : -1n;
    const filter = filterOf(options);
    if (!subscribing) {
      this.allReads++;
      const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
      // A read of $all from a position includes the record there (forwards) or stops at it (backwards).
      const records = backwards ? this.log.filter((r) => r.position < from || from === -1n).reverse() : this.log.filter((r) => r.position >= from);
      for (const r of records.slice(0, Number(options.getCount()))) call.write(readEvent(r));
      return void call.end();
    }
    // A subscription from a position starts after it.
    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(`wire-double-${this.calls.subscribe}`);
    call.write(new streamsPb.ReadResp().setConfirmation(confirmation));
    for (const r of this.log) if (r.position > from && filter(r)) call.write(readEvent(r));
    call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
    const subscriber: Subscriber = { call, matches: filter };
    this.subscribers.add(subscriber);
    call.on("cancelled", () => this.subscribers.delete(subscriber));
  }

  private readStream(call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>, options: streamsPb.ReadReq.Options): void {
    const stream = options.getStream()!;
    const name = Buffer.from(stream.getStreamIdentifier()!.getStreamName_asU8()).toString("utf8");
    const records = this.log.filter((r) => r.streamId === name);
    if (records.length === 0) {
      const missing = new streamsPb.ReadResp.StreamNotFound();
      missing.setStreamIdentifier(stream.getStreamIdentifier());
      call.write(new streamsPb.ReadResp().setStreamNotFound(missing));
      return void call.end();
    }
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const from = stream.hasRevision() ? BigInt(stream.getRevision()) : undefined;
    const ordered = backwards ? [...records].reverse() : records;
    const picked = from === undefined ? ordered : ordered.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
    for (const r of picked.slice(0, Number(options.getCount()))) call.write(readEvent(r));
    call.end();
  }

  private batchAppend(call: grpc.ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>): void {
    const pending = new Map<string, PendingBatch>();
    call.on("data", (req: streamsPb.BatchAppendReq) => {
      const correlation = req.getCorrelationId()!.getString();
      let batch = pending.get(correlation);
      if (!batch) {
        const options = req.getOptions()!;
        batch = { stream: Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString("utf8"), expected: options, messages: [] };
        pending.set(correlation, batch);
      }
      batch.messages.push(...req.getProposedMessagesList());
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      const fault = this.takeFault("append");
      // A transport fault ends the whole call, as a node going away does.
      if (fault) return void call.emit("error", { code: fault.code, details: fault.details ?? "injected by the test double" });
      const interloper = this.interloper;
      this.interloper = undefined;
      interloper?.();
      call.write(this.appendBatch(correlation, batch));
    });
    call.on("end", () => call.end());
  }

  private appendBatch(correlation: string, batch: PendingBatch): streamsPb.BatchAppendResp {
    const reply = new streamsPb.BatchAppendResp();
    const id = new sharedPb.UUID();
    id.setString(correlation);
    reply.setCorrelationId(id);
    const identifier = new sharedPb.StreamIdentifier();
    identifier.setStreamName(Buffer.from(batch.stream));
    reply.setStreamIdentifier(identifier);
    const events = batch.messages.map((m) => ({
      id: m.getId()!.getString(),
      type: m.getMetadataMap().get("type") ?? "",
      contentType: m.getMetadataMap().get("content-type") ?? "application/octet-stream",
      data: Buffer.from(m.getData_asU8()),
      metadata: Buffer.from(m.getCustomMetadata_asU8()),
    }));
    const bytes = events.reduce((sum, e) => sum + e.data.length + e.metadata.length, 0);
    this.appends.push({ stream: batch.stream, events: events.length, bytes });
    if (bytes > this.maxAppendSize) {
      const exceeded = new sharedPb.MaximumAppendSizeExceeded();
      exceeded.setMaxappendsize(this.maxAppendSize);
      return reply.setError(rpcError(codePb.Code.INVALID_ARGUMENT, "Maximum Append Size exceeded", exceeded, "event_store.client.MaximumAppendSizeExceeded"));
    }
    const current = this.revisionOf(batch.stream);
    const refusal = expectationFailed(batch.expected, current);
    if (refusal) return reply.setError(rpcError(codePb.Code.FAILED_PRECONDITION, "Wrong expected version", refusal, "event_store.client.WrongExpectedVersion"));
    const written = this.commit(batch.stream, events);
    const last = written[written.length - 1]!;
    const success = new streamsPb.BatchAppendResp.Success();
    success.setCurrentRevision(last.revision.toString());
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(last.position.toString());
    position.setPreparePosition(last.position.toString());
    success.setPosition(position);
    return reply.setSuccess(success);
  }
}

const TICKS_PER_MS = 10_000n;

/** A record as the server sends it on a read or a subscription: 64-bit numbers as decimal strings, `created` in .NET ticks. */
export function readEvent(r: WireRecord): streamsPb.ReadResp {
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(r.id);
  record.setId(id);
  const stream = new sharedPb.StreamIdentifier();
  stream.setStreamName(Buffer.from(r.streamId));
  record.setStreamIdentifier(stream);
  record.setStreamRevision(r.revision.toString());
  record.setCommitPosition(r.position.toString());
  record.setPreparePosition(r.position.toString());
  record.getMetadataMap().set("type", r.type);
  record.getMetadataMap().set("content-type", r.contentType);
  record.getMetadataMap().set("created", (BigInt(r.created.getTime()) * TICKS_PER_MS).toString());
  record.setData(r.data);
  record.setCustomMetadata(r.metadata);
  const event = new streamsPb.ReadResp.ReadEvent();
  event.setEvent(record);
  event.setCommitPosition(r.position.toString());
  return new streamsPb.ReadResp().setEvent(event);
}

/** The subscription's server-side filter: on stream name or event type, by prefixes or a regex. */
function filterOf(options: streamsPb.ReadReq.Options): (r: WireRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (r) => {
    const subject = onStream ? r.streamId : r.type;
    return (prefixes.length === 0 || prefixes.some((p) => subject.startsWith(p))) && (!regex || regex.test(subject));
  };
}

function expectationFailed(options: streamsPb.BatchAppendReq.Options, current: bigint | undefined): sharedPb.WrongExpectedVersion | undefined {
  const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
  const wrong = new sharedPb.WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new emptyPb.Empty());
  else wrong.setCurrentStreamRevision(current.toString());
  switch (options.getExpectedStreamPositionCase()) {
    case Case.NO_STREAM:
      return current === undefined ? undefined : wrong.setExpectedNoStream(new emptyPb.Empty());
    case Case.STREAM_EXISTS:
      return current !== undefined ? undefined : wrong.setExpectedStreamExists(new emptyPb.Empty());
    case Case.STREAM_POSITION:
      return current === BigInt(options.getStreamPosition()) ? undefined : wrong.setExpectedStreamPosition(options.getStreamPosition());
    default:
      return undefined;
  }
}

function rpcError(code: codePb.Code, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string): statusPb.Status {
  const details = new anyPb.Any();
  details.pack(detail.serializeBinary(), typeName);
  const status = new statusPb.Status();
  status.setCode(code);
  status.setMessage(message);
  status.setDetails(details);
  return status;
}
