import type { PeerFigures } from "./emmett.ts";
import type { AppendFigures } from "./parley-append.ts";
import type { EngineFigures } from "./parley-engine.ts";
import type { PeerSizeFigures } from "./parley-peer-size.ts";
import type { PostgresFigures } from "./parley-postgres.ts";
import type { SqlReferenceFigures } from "./sql-reference.ts";

export interface PostgresPeerFigures {
  name: string;
  version: string;
  events: number;
  appendBatchEventsPerSec: number;
  rebuildEventsPerSec: number;
}

export interface Run {
  date: string;
  commit: string | null;
  node: string;
  cpus: number;
}

export type Results = { events: number; run: Run } & AppendFigures &
  EngineFigures & { naiveRatio: number; sseP50Ms: number | null; sseP99Ms: number | null; peer: PeerFigures; notes: string[] } & {
    /** Parley on PostgreSQL and Emmett's PostgreSQL store, when the run had a server (and the peer package). */
    postgres: PostgresFigures | null;
    postgresPeer: PostgresPeerFigures | null;
  } & {
    /** Parley on the same first events as the peer, in the same run. */
    parleyAtPeerSize: PeerSizeFigures;
    /** One SQLite table and one SQL query for the stance matrix, on the same questions. */
    sqlReference: SqlReferenceFigures;
    /** The figures against the machine's pace in the same run (issue 15's goals). */
    rebuildToParseRatio: number;
    appendToRawRatio: number;
  };

/** The ratios to the same run's references, from figures the run measured. */
export const ratios = (a: { rebuildEventsPerSec: number; parseOnlyEventsPerSec: number; appendBatchEventsPerSec: number; rawInsertEventsPerSec: number }) => ({
  rebuildToParseRatio: Math.round((a.rebuildEventsPerSec / a.parseOnlyEventsPerSec) * 100) / 100,
  appendToRawRatio: Math.round((a.appendBatchEventsPerSec / a.rawInsertEventsPerSec) * 100) / 100,
});

interface Row {
  figure: string;
  parley: string;
  target?: string;
  met?: boolean;
  peer?: string;
  ratio?: string;
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");
const ms = (x: number | null) => (x === null ? "—" : x.toFixed(2));
const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
/** A row that sets a Parley figure beside the peer's, with their ratio. */
const against = (figure: string, parley: number, peer: number) => ({ figure, parley: n(parley), peer: n(peer), ratio: times(parley, peer) });

function rows(r: Results): Row[] {
  const peer = r.peer;
  const same = r.parleyAtPeerSize;
  const sql = r.sqlReference;
  const first = `the same first ${n(same.events)}`;
  return [
    {
      figure: "append, 1,000-event batches (events/s)",
      parley: n(r.appendBatchEventsPerSec),
      target: "≥ 100,000",
      met: r.appendBatchEventsPerSec >= 100_000,
      peer: n(peer.appendBatchEventsPerSec),
      ratio: times(r.appendBatchEventsPerSec, peer.appendBatchEventsPerSec),
    },
    { figure: "  raw better-sqlite3 insert of the same bodies (events/s)", parley: n(r.rawInsertEventsPerSec) },
    { figure: "  append ÷ raw insert", parley: r.appendToRawRatio.toFixed(2), target: "≥ 0.70", met: r.appendToRawRatio >= 0.7 },
    against(`  append, ${first} (events/s)`, same.appendBatchEventsPerSec, peer.appendBatchEventsPerSec),
    {
      figure: `append, one event per call, ${r.singleWriters} writers (events/s)`,
      parley: n(r.appendSingleEventsPerSec),
      target: "≥ 5,000",
      met: r.appendSingleEventsPerSec >= 5_000,
    },
    { figure: "append, one event per call, 1 writer (events/s)", parley: n(r.appendSingleSequentialEventsPerSec) },
    against("rebuild from the store (events/s)", r.rebuildEventsPerSec, peer.rebuildEventsPerSec),
    { figure: "  JSON.parse of the same bodies alone (events/s)", parley: n(r.parseOnlyEventsPerSec) },
    { figure: "  rebuild ÷ parse alone", parley: r.rebuildToParseRatio.toFixed(2), target: "≥ 0.50", met: r.rebuildToParseRatio >= 0.5 },
    against(`  rebuild, ${first} (events/s)`, same.rebuildEventsPerSec, peer.rebuildEventsPerSec),
    { figure: "stateAt p50 / p99 (ms)", parley: `${ms(r.stateAtP50Ms)} / ${ms(r.stateAtP99Ms)}`, target: "p99 ≤ 2", met: r.stateAtP99Ms <= 2 },
    { figure: "  one SQL query, stance matrix only, p50 / p99 (ms)", parley: `${ms(sql.stateAtP50Ms)} / ${ms(sql.stateAtP99Ms)}` },
    { figure: "stateAt with knownAt p50 / p99 (ms)", parley: `${ms(r.knownAtP50Ms)} / ${ms(r.knownAtP99Ms)}`, target: "p99 ≤ 2", met: r.knownAtP99Ms <= 2 },
    { figure: "  one SQL query with knownAt, p50 / p99 (ms)", parley: `${ms(sql.knownAtP50Ms)} / ${ms(sql.knownAtP99Ms)}` },
    {
      figure: `full replay p50 (ms), ${r.naiveQuestions} questions`,
      parley: `${ms(r.stateAtNaiveP50Ms)} (${n(r.naiveRatio)}× stateAt)`,
      target: "≥ 100×",
      met: r.naiveRatio >= 100,
    },
    { figure: "state document size p50 / p99 (KB)", parley: `${n(r.documentKbP50)} / ${n(r.documentKbP99)}` },
    { figure: "backfill, then stateAt p50 / p99 (ms)", parley: `${ms(r.backfillP50Ms)} / ${ms(r.backfillP99Ms)}`, target: "p99 ≤ 5", met: r.backfillP99Ms <= 5 },
    {
      figure: "append → 100 SSE subscribers p50 / p99 (ms)",
      parley: `${ms(r.sseP50Ms)} / ${ms(r.sseP99Ms)}`,
      target: "p99 ≤ 20",
      ...(r.sseP99Ms !== null && { met: r.sseP99Ms <= 20 }),
    },
    { figure: "peak resident memory, engine (MB)", parley: n(r.rssMb), target: "≤ 800", met: r.rssMb <= 800 },
  ];
}

function postgresRows(pg: PostgresFigures, peer: PostgresPeerFigures | null): Row[] {
  const versus = (parley: number, other: number | undefined) => (other === undefined ? {} : { peer: n(other), ratio: times(parley, other) });
  return [
    { figure: "append, 1,000-event batches (events/s)", parley: n(pg.appendBatchEventsPerSec), ...versus(pg.appendBatchEventsPerSec, peer?.appendBatchEventsPerSec) },
    { figure: `append, one event per call, ${pg.singleWriters} writers, ${n(pg.singleEvents)} events (events/s)`, parley: n(pg.appendSingleEventsPerSec) },
    { figure: "rebuild from the store (events/s)", parley: n(pg.rebuildEventsPerSec), ...versus(pg.rebuildEventsPerSec, peer?.rebuildEventsPerSec) },
    { figure: "stateAt p50 / p99 (ms)", parley: `${ms(pg.stateAtP50Ms)} / ${ms(pg.stateAtP99Ms)}` },
  ];
}

/** Rows under a header, the first column left-aligned and the others right-aligned. */
function render(header: Row, rows: Row[]): string[] {
  const all = [header, ...rows];
  const mark = (row: Row) => (row === header ? "met" : row.met === undefined ? "" : row.met ? "yes" : "NO");
  const full = all.map((row) => [row.figure, row.parley, row.target ?? "", mark(row), row.peer ?? "", row.ratio ?? ""]);
  // A column no row fills (no targets, no peer) is left out, header and all.
  const used = full[0]!.map((_, i) => i < 2 || full.slice(1).some((c) => c[i] !== ""));
  const cells = full.map((c) => c.filter((_, i) => used[i]));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)];
}

/** The readable table: each figure, its target, the peer's figure and Parley's ratio to it; then PostgreSQL's. */
export function table(r: Results): string {
  const peerName = `Emmett ${r.peer.version}${r.peer.events < r.events ? ` (first ${n(r.peer.events)})` : ""}`;
  const header: Row = { figure: "figure", parley: "Parley", target: "target", peer: peerName, ratio: "Parley/peer" };
  const title = `Parley benchmark: ${n(r.events)} events (~${n(r.eventBytes)} bytes each) in ${n(r.negotiations)} negotiations and ${n(r.streams)} streams; ${r.run.cpus} cores, Node ${r.run.node}, ${r.run.date}, commit ${r.run.commit ?? "unknown"}`;
  const pg = r.postgres;
  const postgres = pg
    ? [
        "",
        `On PostgreSQL (the same ${n(pg.events)} events; peer: ${r.postgresPeer ? `${r.postgresPeer.name} ${r.postgresPeer.version} on the first ${n(r.postgresPeer.events)}` : "not measured"})`,
        "",
        ...render(
          { figure: "figure", parley: "Parley", target: "", peer: r.postgresPeer ? `Emmett-PostgreSQL ${r.postgresPeer.version}` : "", ratio: r.postgresPeer ? "Parley/peer" : "" },
          postgresRows(pg, r.postgresPeer),
        ),
      ]
    : [];
  return [title, "", ...render(header, rows(r)), ...postgres, "", ...r.notes.map((note) => `note: ${note}`)].join("\n");
}
