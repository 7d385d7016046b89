import type { ValidTime } from "../../events/valid-time.ts";
import { Issue, Party } from "../../events/vocabulary.ts";
import type { DiffReport, TimelineEntry } from "../engine/chronicle.ts";
import type { PointDoc, SourceRef, StateDocument } from "../engine/document.ts";

/**
 * A date as precisely as it is known: "2025-12-02", "2025-08", "week of 2025-11-24",
 * "2025-11-24..2025-11-30"; with the source's own wording when `withLabel`.
 */
export function formatWhen(t: ValidTime, withLabel = true): string {
  const day = (iso: string) => iso.slice(0, 10);
  const text =
    t.precision === "instant" ? t.from.replace(".000Z", "Z")
    : t.precision === "day" ? day(t.from)
    : t.precision === "month" ? t.from.slice(0, 7)
    : t.precision === "week" ? `week of ${day(t.from)}`
    : `${day(t.from)}..${day(t.to)}`;
  return withLabel && t.label ? `${text} (${t.label})` : text;
}

/** Sources in short: the seed number, else the outlet. */
export function cite(sources: SourceRef[]): string {
  const names = [...new Set(sources.map((s) => (s.seed ? s.seed.slice(0, 3) : (s.outlet ?? "unnamed outlet"))))];
  return names.length ? `[${names.join(", ")}]` : "[no source]";
}

const mark = (tentative: boolean) => (tentative ? "~" : " ");

export function formatState(doc: StateDocument): string {
  const lines: string[] = [];
  const known = doc.knownAt ? `as the record stood at ${doc.knownAt}` : "as known now";
  lines.push(`State at ${doc.at}, ${known} (position ${doc.position})`);
  if (doc.tentative) lines.push("~ marks a fact whose date range the moment falls inside: it may not have happened yet.");
  lines.push("", "PLANS");
  if (doc.plans.length === 0) lines.push("  (none)");
  for (const p of doc.plans) {
    lines.push(`${mark(p.tentative)} ${p.title} (${p.id}, ${p.sponsor ?? "?"}, ${p.manner}): ${p.pointCount ?? "unknown number of"} points, contents ${p.contentsDisclosed ? "disclosed" : "not disclosed"} ${cite(p.sources)}`);
    for (const pt of p.points)
      lines.push(`  ${mark(pt.tentative)} [${pt.status}] ${pt.id}${pt.number ? ` #${pt.number}` : ""}${pt.issue ? ` (${pt.issue})` : ""}: ${pt.summary} ${cite(pt.sources)}`);
    for (const r of p.revisions) lines.push(`    ${formatWhen(r.at, false)}: ${r.summary} ${cite(r.sources)}`);
  }
  lines.push("", "STANCES (position on each issue's proposition)");
  const width = 24;
  lines.push(`  ${"".padEnd(8)}${Issue.options.map((i) => i.padEnd(width)).join("")}`);
  for (const party of Party.options) {
    const cells = Issue.options.map((issue) => {
      const s = doc.stances.find((x) => x.party === party && x.issue === issue);
      const cell = s ? `${mark(s.tentative).trim()}${s.position} ${cite(s.sources)}` : "-";
      return (cell.length < width ? cell : `${cell.slice(0, width - 3)}…]`).padEnd(width);
    });
    lines.push(`  ${party.padEnd(8)}${cells.join("")}`);
  }
  lines.push("", "MEETINGS");
  if (doc.meetings.length === 0) lines.push("  (none)");
  for (const m of doc.meetings) {
    const hours = m.durationHours ? `, ${m.durationApproximate ? "about " : ""}${m.durationHours} h` : "";
    const docs = m.documentsPresented ? `, ${m.documentsPresented} documents presented` : "";
    lines.push(`${mark(m.tentative)} ${formatWhen(m.date, false)} ${m.status} ${m.place}${hours}${docs} ${cite(m.sources)}`);
    if (m.participants.length) lines.push(`      ${m.participants.map((p) => `${p.name} (${p.party})`).join(", ")}`);
    if (m.outcome) lines.push(`      outcome: ${m.outcome}`);
  }
  lines.push("", "PEOPLE");
  for (const p of doc.people)
    lines.push(
      p.basis === "named"
        ? `${mark(p.tentative)} ${p.name} (${p.party}): named as ${p.role} at a meeting of ${formatWhen(p.since)} ${cite(p.sources)}`
        : `${mark(p.tentative)} ${p.name} (${p.party}): ${p.role}, ${p.status}${p.manner ? ` (${p.manner})` : ""} since ${formatWhen(p.since)} ${cite(p.sources)}`,
    );
  lines.push("", "DISPUTES (accounts that disagree, none resolved)");
  if (doc.disputes.length === 0) lines.push("  (none)");
  for (const d of doc.disputes) lines.push(`  ${d.subject}: ${d.accounts.map((a) => `"${a.claim}" ${cite(a.sources)}`).join(" vs ")}`);
  return lines.join("\n");
}

/** One line per development; the date's own wording ("last week") follows, since it is often long. */
export function formatTimeline(entries: TimelineEntry[]): string {
  return entries
    .map((e) => {
      const label = e.occurredAt.label ? ` (${e.occurredAt.label})` : "";
      return `${formatWhen(e.occurredAt, false).padEnd(22)} ${e.summary}${e.correctedBy ? " (corrected)" : ""} ${cite(e.sources)}${label}`;
    })
    .join("\n");
}

/** Only what differs: "pointCount 28 -> 22". */
function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const isWhen = (v: unknown): v is ValidTime => typeof v === "object" && v !== null && "precision" in v && "from" in v;
  const show = (v: unknown) => (typeof v === "string" ? v : isWhen(v) ? formatWhen(v, false) : JSON.stringify(v));
  if (!before) return Object.entries(after ?? {}).filter(([, v]) => v !== null).map(([k, v]) => `${k} ${show(v)}`).join(", ");
  if (!after) return "gone";
  return Object.keys({ ...before, ...after })
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k} ${show(before[k])} -> ${show(after[k])}`)
    .join(", ");
}

/** A plan point's story, each step with its sources. */
export function formatPoint(point: PointDoc): string {
  return [
    `${point.id}: ${point.summary} (now ${point.status})`,
    ...point.history.map((h) => `  ${formatWhen(h.at, false).padEnd(22)} ${h.kind}: ${h.summary} ${cite(h.sources)}`),
  ].join("\n");
}

export function formatDiff(report: DiffReport): string {
  const lines = [`Changes between ${report.from} and ${report.to}${report.knownAt ? ` as known at ${report.knownAt}` : ""}:`];
  if (report.changes.length === 0) lines.push("  (no change)");
  for (const c of report.changes)
    lines.push(`  ${c.change.padEnd(8)} ${c.key}: ${describeChange(c.before, c.after)} (events ${c.eventIds.map((id) => id.slice(0, 8)).join(", ") || "-"})`);
  lines.push("", "Developments in that span:", report.events.length ? formatTimeline(report.events) : "  (none)");
  return lines.join("\n");
}

export function formatNegotiations(list: { name: string; developments: number; from: string | null; to: string | null }[]): string {
  if (list.length === 0) return "the store holds no events";
  const width = Math.max(...list.map((n) => n.name.length));
  const day = (iso: string | null) => iso?.slice(0, 10) ?? "?";
  return list.map((n) => `${n.name.padEnd(width)}  ${String(n.developments).padStart(6)} developments  ${day(n.from)} to ${day(n.to)}`).join("\n");
}
