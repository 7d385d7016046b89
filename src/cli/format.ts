import type { DateRange } from "../../events/valid-time.ts";
import type { DiffReport, TimelineEntry } from "../engine/basis.ts";
import type { PointDoc, SourceRef, StateDocument } from "../engine/document.ts";
import type { NegotiationSummary } from "../engine/views.ts";

/** A date as its EDTF string ("2025-12-02", "2025-08", "2025-11-24/2025-11-30", "../2025-11-20"), with the source's words when `range` carries them. */
export function formatWhen(edtf: string, range?: DateRange): string {
  return range?.label ? `${edtf} (${range.label})` : edtf;
}

/** "*" after a fact that rests on a single source: the first thing an editor asks. */
const single = (fact: { corroboration: number }) => (fact.corroboration === 1 ? "*" : "");

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
  lines.push("* marks a fact that rests on a single source.");
  lines.push("", "PLANS");
  if (doc.plans.length === 0) lines.push("  (none)");
  for (const p of doc.plans) {
    lines.push(
      `${mark(p.tentative)} ${p.title} (${p.id}, ${p.sponsor ?? "?"}, ${p.manner === "unknown" ? "made public: accounts differ" : p.manner}): ${p.pointCount ?? "unknown number of"} points, contents ${p.contentsDisclosed ? "disclosed" : "not disclosed"} ${cite(p.sources)}${single(p)}`,
    );
    for (const pt of p.points)
      lines.push(
        `  ${mark(pt.tentative)} [${pt.status}] ${pt.id}${pt.number ? ` #${pt.number}` : ""}${pt.issue ? ` (${pt.issue})` : ""}: ${pt.summary} ${cite(pt.sources)}${single(pt)}`,
      );
    for (const r of p.revisions) lines.push(`    ${r.at}: ${r.summary} ${cite(r.sources)}${single(r)}`);
    for (const r of p.reactions) lines.push(`  ${mark(r.tentative)} reaction: ${r.party} ${r.position}${r.summary ? `: ${r.summary}` : ""} ${cite(r.sources)}${single(r)}`);
  }
  lines.push(...formatStances(doc));
  lines.push("", "MEETINGS");
  if (doc.meetings.length === 0) lines.push("  (none)");
  for (const m of doc.meetings) {
    const hours = m.durationHours ? `, ${m.durationApproximate ? "about " : ""}${m.durationHours} h` : "";
    const docs = m.documentsPresented ? `, ${m.documentsPresented} documents presented` : "";
    lines.push(`${mark(m.tentative)} ${m.date} ${m.status} ${m.place}${hours}${docs} ${cite(m.sources)}${single(m)}`);
    if (m.participants.length) lines.push(`      ${m.participants.map((p) => `${p.name} (${p.party})`).join(", ")}`);
    if (m.outcome) lines.push(`      outcome: ${m.outcome}`);
  }
  lines.push("", "PEOPLE");
  for (const p of doc.people)
    lines.push(
      p.basis === "named"
        ? `${mark(p.tentative)} ${p.name} (${p.party}): named as ${p.role} at a meeting of ${formatWhen(p.since, p.sinceRange)} ${cite(p.sources)}`
        : `${mark(p.tentative)} ${p.name} (${p.party}): ${p.role}, ${p.status}${p.manner ? ` (${p.manner})` : ""} since ${formatWhen(p.since, p.sinceRange)} ${cite(p.sources)}`,
    );
  lines.push("", "REPORTED (developments the articles report in their own voice)");
  if (doc.reports.length === 0) lines.push("  (none)");
  for (const r of doc.reports) lines.push(`${mark(r.tentative)} ${r.at}: ${r.summary} ${cite(r.sources)}${single(r)}`);
  lines.push("", "DISPUTES (accounts that disagree, none resolved)");
  if (doc.disputes.length === 0) lines.push("  (none)");
  for (const d of doc.disputes) lines.push(`  ${d.subject}: ${d.accounts.map((a) => `"${a.claim}" ${cite(a.sources)}`).join(" vs ")}`);
  return lines.join("\n");
}

/**
 * The stance matrix: a row per issue and a column per party the negotiation declares (issues
 * outnumber parties, and rows can grow where columns cannot), each proposition spelt out below.
 */
function formatStances(doc: StateDocument): string[] {
  const { parties, issues } = doc.vocabulary;
  const lines = ["", "STANCES (position on each issue's proposition)"];
  if (parties.length === 0 || issues.length === 0) return [...lines, "  (no parties or issues declared)"];
  const rows = issues.map((issue) =>
    parties.map((party) => {
      const s = doc.stances.find((x) => x.party === party.id && x.issue === issue.id);
      return s ? `${mark(s.tentative).trim()}${s.position} ${cite(s.sources)}${single(s)}` : "-";
    }),
  );
  // As wide as the widest cell, within reason: a long citation is cut, its single-source mark kept.
  const width = Math.min(30, Math.max(12, ...rows.flat().map((c) => c.length + 2), ...parties.map((p) => p.id.length + 2)));
  const fit = (cell: string) => (cell.length < width ? cell : `${cell.slice(0, width - 4)}…]${cell.endsWith("*") ? "*" : ""}`).padEnd(width);
  const rowHead = Math.max(8, ...issues.map((i) => i.id.length + 1));
  lines.push(`  ${"".padEnd(rowHead)}${parties.map((p) => p.id.padEnd(width)).join("")}`.trimEnd());
  issues.forEach((issue, i) => lines.push(`  ${issue.id.padEnd(rowHead)}${rows[i]!.map(fit).join("")}`.trimEnd()));
  lines.push("", ...issues.map((i) => `  ${i.id}: ${i.proposition ?? "(never declared)"}`));
  const terms = doc.stances.filter((s) => s.terms);
  if (terms.length) lines.push("", "  terms:", ...terms.map((s) => `    ${s.party}/${s.issue}: ${s.terms}`));
  return lines;
}

/** One line per development; the date's own wording ("last week") follows, since it is often long. */
export function formatTimeline(entries: TimelineEntry[]): string {
  return entries
    .map((e) => {
      const label = e.occurredAtRange.label ? ` (${e.occurredAtRange.label})` : "";
      return `${e.occurredAt.padEnd(22)} ${e.summary}${e.correctedBy ? " (corrected)" : ""} ${cite(e.sources)}${label}`;
    })
    .join("\n");
}

/** Only what differs: "pointCount 28 -> 22". */
function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  if (!before)
    return Object.entries(after ?? {})
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${show(v)}`)
      .join(", ");
  if (!after) return "gone";
  return Object.keys({ ...before, ...after })
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k} ${show(before[k])} -> ${show(after[k])}`)
    .join(", ");
}

/** A plan point's story, each step with its sources. */
export function formatPoint(point: PointDoc): string {
  return [`${point.id}: ${point.summary} (now ${point.status})`, ...point.history.map((h) => `  ${h.at.padEnd(22)} ${h.kind}: ${h.summary} ${cite(h.sources)}`)].join("\n");
}

export function formatDiff(report: DiffReport): string {
  const lines = [`Changes between ${report.from} and ${report.to}${report.knownAt ? ` as known at ${report.knownAt}` : ""}:`];
  if (report.changes.length === 0) lines.push("  (no change)");
  for (const c of report.changes)
    lines.push(`  ${c.change.padEnd(8)} ${c.key}: ${describeChange(c.before, c.after)} (events ${c.eventIds.map((id) => id.slice(0, 8)).join(", ") || "-"})`);
  lines.push("", "Developments in that span:", report.events.length ? formatTimeline(report.events) : "  (none)");
  return lines.join("\n");
}

export function formatNegotiations(list: NegotiationSummary[]): string {
  if (list.length === 0) return "the store holds no events";
  const width = Math.max(...list.map((n) => n.name.length));
  return list
    .map((n) => {
      const count = `${String(n.developments).padStart(6)} development${n.developments === 1 ? " " : "s"}`;
      const head = `${n.name.padEnd(width)}  ${count}  ${n.span ?? "(no dates)"}  ${n.title ?? "(never opened: a record from before vocabularies)"}`;
      const vocabulary = n.opened
        ? [
            `${"".padEnd(width)}  parties: ${n.parties.map((p) => p.id).join(", ") || "(none)"}`,
            `${"".padEnd(width)}  issues:  ${n.issues.map((i) => i.id).join(", ") || "(none)"}`,
          ]
        : [];
      return [head, ...vocabulary].join("\n");
    })
    .join("\n");
}
