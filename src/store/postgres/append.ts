import pg from "pg";
import type { PendingEvent } from "../../../events/envelope.ts";
import { VersionConflictError, checkExpected, retryOf, type AppendResult, type StreamBatch } from "../port.ts";
import { Strings, fromRow, toBody, type Row } from "../sqlite-rows.ts";
import { STREAM_VERSION_CONSTRAINT, type Tables } from "./schema.ts";

/** The transaction time PostgreSQL gives an event, in the ISO form the other stores write. */
const NOW = `to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One append request in one transaction, all or nothing across its streams.
 *
 * Global order: every append first takes one transaction-scoped advisory lock per record
 * (keyed on the table's oid) and holds it until it commits. PostgreSQL makes a commit visible
 * before it releases the transaction's locks, so the next writer, which numbers its events
 * after the highest position it can see, only starts once every lower position is visible to
 * everyone. A reader that has seen position N has therefore seen every position below N: it
 * can follow `position > N` and never skip a late commit. The price is one writer at a time
 * per record, which a negotiation tracker's write rate never notices.
 */
export class Appender {
  private readonly strings = new Strings();

  constructor(
    private readonly tables: Tables,
    /** The advisory lock key: the events table's oid. */
    private readonly lockKey: number,
  ) {}

  async run(client: pg.PoolClient, batches: StreamBatch[]): Promise<AppendResult[]> {
    for (const b of batches) if (b.events.length === 0) throw new Error(`append to '${b.stream}' needs at least one event`);
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${this.lockKey})`);
    try {
      const results = await this.write(client, batches);
      await client.query(`NOTIFY ${this.tables.channel}; COMMIT`);
      return results;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  private async write(client: pg.PoolClient, batches: StreamBatch[]): Promise<AppendResult[]> {
    const found = await this.stored(
      client,
      batches.flatMap((b) => b.events.map((e) => e.id)),
    );
    const { heads, position } = await this.heads(
      client,
      batches.map((b) => b.stream),
    );
    let next = position;
    const rows: unknown[][] = [];
    const results = batches.map((b) => {
      const retry = retryOf(
        b.stream,
        b.events,
        b.events.map((e) => found.get(e.id)),
      );
      if (retry) return retry;
      const head = heads.get(b.stream);
      checkExpected(b.stream, b.expected, head);
      let version = head ?? -1;
      for (const e of b.events) rows.push(this.row(e, b.stream, ++next, ++version));
      heads.set(b.stream, version);
      return { position: next, streamVersion: version, duplicates: 0 };
    });
    if (rows.length > 0) await this.insert(client, rows, batches);
    return results;
  }

  /** The events already stored under any of these ids, by id. */
  private async stored(client: pg.PoolClient, ids: string[]) {
    const { rows } = await client.query<Row>({
      text: `SELECT position, stream_version, recorded_at, body FROM ${this.tables.events} WHERE id = ANY($1)`,
      values: [ids],
      rowMode: "array",
    });
    return new Map(rows.map((row) => fromRow(row, this.strings)).map((e) => [e.id, e]));
  }

  /** Each stream's version and the record's last position, as this writer, holding the lock, sees them. */
  private async heads(client: pg.PoolClient, streams: string[]) {
    const [{ rows }, head] = [
      await client.query<{ stream: string; v: number }>(`SELECT stream, max(stream_version) AS v FROM ${this.tables.events} WHERE stream = ANY($1) GROUP BY stream`, [
        [...new Set(streams)],
      ]),
      await client.query<{ p: number }>(`SELECT coalesce(max(position), 0) AS p FROM ${this.tables.events}`),
    ];
    return { heads: new Map<string, number>(rows.map((r) => [r.stream, r.v])), position: head.rows[0]!.p };
  }

  private row(e: PendingEvent, stream: string, position: number, version: number): unknown[] {
    return [position, e.id, stream, version, e.type, e.schemaVersion, e.occurredAt.from, e.reportedAt, e.recordedAt ?? null, toBody(e, stream)];
  }

  /** All rows in one statement, column by column; a copy keeps the transaction time it carries. */
  private async insert(client: pg.PoolClient, rows: unknown[][], batches: StreamBatch[]): Promise<void> {
    const columns = rows[0]!.map((_, i) => rows.map((r) => r[i]));
    try {
      await client.query(
        `INSERT INTO ${this.tables.events} (position, id, stream, stream_version, type, schema_version, valid_from, reported_at, recorded_at, body)
         SELECT p, i, s, v, t, sv, vf, ra, coalesce(ca, ${NOW}), b
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS u(p, i, s, v, t, sv, vf, ra, ca, b)`,
        columns,
      );
    } catch (error) {
      throw conflictOf(error, batches);
    }
  }
}

/**
 * A writer that bypassed the lock took a stream's version first: the unique (stream, version)
 * constraint refused this insert, and the conflict is reported as the port's typed error.
 */
function conflictOf(error: unknown, batches: StreamBatch[]): unknown {
  if (!(error instanceof pg.DatabaseError) || error.constraint !== STREAM_VERSION_CONSTRAINT) return error;
  const [, stream, version] = /\(stream, stream_version\)=\((.*), (\d+)\)/.exec(error.detail ?? "") ?? [];
  const batch = batches.find((b) => b.stream === stream);
  return batch ? new VersionConflictError(batch.stream, batch.expected, Number(version)) : error;
}
