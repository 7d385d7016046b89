import type { StateDocument } from "./document.ts";

/** One thing whose state differs between two moments, and the events that made the difference. */
export interface StateChange {
  key: string;
  kind: "plan" | "point" | "stance" | "meeting" | "document" | "person" | "dispute";
  change: "added" | "changed" | "removed";
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  eventIds: string[];
}

interface Entity {
  kind: StateChange["kind"];
  value: Record<string, unknown>;
  eventIds: string[];
}

const ids = (sources: { eventId: string }[]) => [...new Set(sources.map((s) => s.eventId))];

/** The facts an analyst compares, per entity; provenance is compared through eventIds. */
function entities(doc: StateDocument): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const p of doc.plans) {
    out.set(`plan:${p.id}`, { kind: "plan", value: { title: p.title, pointCount: p.pointCount, contentsDisclosed: p.contentsDisclosed }, eventIds: ids(p.sources) });
    for (const pt of p.points)
      out.set(`point:${pt.id}`, { kind: "point", value: { status: pt.status, summary: pt.summary, number: pt.number, issue: pt.issue }, eventIds: ids(pt.sources) });
  }
  for (const s of doc.stances)
    out.set(`stance:${s.party}/${s.issue}`, { kind: "stance", value: { position: s.position, speaker: s.speaker, quote: s.quote }, eventIds: ids(s.sources) });
  for (const m of doc.meetings)
    out.set(`meeting:${m.id}`, { kind: "meeting", value: { status: m.status, place: m.place, date: m.date, durationHours: m.durationHours, documentsPresented: m.documentsPresented, outcome: m.outcome }, eventIds: ids(m.sources) });
  for (const d of doc.documents)
    out.set(`document:${d.id}`, { kind: "document", value: { count: d.count, description: d.description }, eventIds: ids(d.sources) });
  for (const p of doc.people)
    out.set(`person:${p.name}/${p.role}`, { kind: "person", value: { status: p.status, manner: p.manner }, eventIds: ids(p.sources) });
  for (const d of doc.disputes)
    out.set(`dispute:${d.subject}`, { kind: "dispute", value: { claims: d.accounts.map((a) => a.claim) }, eventIds: ids(d.accounts.flatMap((a) => a.sources)) });
  return out;
}

export function diffStates(before: StateDocument, after: StateDocument): StateChange[] {
  const a = entities(before);
  const b = entities(after);
  const changes: StateChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (x && y && JSON.stringify(x.value) === JSON.stringify(y.value)) continue;
    const known = new Set(x?.eventIds ?? []);
    changes.push({
      key,
      kind: (y ?? x)!.kind,
      change: !x ? "added" : !y ? "removed" : "changed",
      before: x?.value ?? null,
      after: y?.value ?? null,
      eventIds: (y?.eventIds ?? x!.eventIds).filter((id) => !known.has(id)),
    });
  }
  return changes;
}
