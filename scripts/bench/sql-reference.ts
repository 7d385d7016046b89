import Database from "better-sqlite3";
import { negotiationOf } from "../../src/engine/negotiation.ts";
import { questions } from "./questions.ts";
import { percentile, round2, timed } from "./stats.ts";

export interface SqlReferenceFigures {
  stateAtP50Ms: number;
  stateAtP99Ms: number;
  knownAtP50Ms: number;
  knownAtP99Ms: number;
}

/**
 * What a user without Parley would write: every event in one table, its negotiation, valid
 * time and transaction time (when it became known: reported, else recorded) in indexed
 * columns, the body as stored. Built from the store's file, untimed.
 */
export function buildReference(parleyPath: string, path: string): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.function("negotiation_of", { deterministic: true }, (stream: unknown) => negotiationOf(String(stream)));
  db.exec(`ATTACH DATABASE '${parleyPath.replaceAll("'", "''")}' AS parley`);
  db.exec(`
    CREATE TABLE events (position INTEGER PRIMARY KEY, negotiation TEXT NOT NULL, type TEXT NOT NULL, valid_from TEXT NOT NULL, known_at TEXT NOT NULL, body TEXT NOT NULL);
    INSERT INTO events SELECT position, negotiation_of(stream), body ->> '$.type', body ->> '$.occurredAt.from', coalesce(body ->> '$.reportedAt', recorded_at), body FROM parley.events ORDER BY position;
    CREATE INDEX events_valid ON events (negotiation, valid_from);
    CREATE INDEX events_known ON events (negotiation, known_at);
    ANALYZE;`);
  db.exec("DETACH DATABASE parley");
  return db;
}

/** The stance matrix at a moment, as known at another: each party's latest stance per issue, in one query. */
const MATRIX = `
  SELECT party, issue, position FROM (
    SELECT body ->> '$.data.party' AS party, body ->> '$.data.issue' AS issue, body ->> '$.data.position' AS position,
           row_number() OVER (PARTITION BY body ->> '$.data.party', body ->> '$.data.issue' ORDER BY valid_from DESC, position DESC) AS latest
    FROM events
    WHERE negotiation = @negotiation AND type = 'StanceStated' AND valid_from <= @at AND known_at <= @knownAt
  ) WHERE latest = 1`;

/**
 * The same questions as Parley's stateAt (same seed), answered by the one SQL query: its
 * answer is only the matrix, without corrections, retractions, plans, meetings or sources.
 */
export type StanceRow = [party: string, issue: string, position: string];

/** The query, ready to ask: without `knownAt`, everything recorded counts. */
export function stanceMatrix(db: Database.Database): (q: { negotiation: string; at: string; knownAt?: string }) => StanceRow[] {
  const statement = db.prepare<{ negotiation: string; at: string; knownAt: string }, StanceRow>(MATRIX).raw();
  // "9999" sorts after every ISO timestamp.
  return (q) => statement.all({ negotiation: q.negotiation, at: q.at, knownAt: q.knownAt ?? "9999" });
}

export function measureSqlReference(parleyPath: string, dir: string, events: number, count: number): SqlReferenceFigures {
  const db = buildReference(parleyPath, `${dir}/reference.db`);
  const matrix = stanceMatrix(db);
  const qs = questions(events, count, 3);
  for (const q of questions(events, 200, 2)) matrix(q);
  const stateAt = qs.map((q) => timed(() => matrix({ negotiation: q.negotiation, at: q.at }))[1]);
  const knownAt = qs.map((q) => timed(() => matrix(q))[1]);
  db.close();
  return {
    stateAtP50Ms: round2(percentile(stateAt, 50)),
    stateAtP99Ms: round2(percentile(stateAt, 99)),
    knownAtP50Ms: round2(percentile(knownAt, 50)),
    knownAtP99Ms: round2(percentile(knownAt, 99)),
  };
}
