import type { DisputeDoc, DocumentSetDoc, MeetingDoc, PersonDoc, PlanDoc, PointDoc, StanceDoc, StateDocument } from "./document.ts";

/** The facts the diff compares, by kind. */
interface Facts {
  plan: PlanDoc;
  point: PointDoc;
  stance: StanceDoc;
  meeting: MeetingDoc;
  document: DocumentSetDoc;
  person: PersonDoc;
  dispute: DisputeDoc;
}

/** One thing whose state differs between two moments, and the events that made the difference. */
export interface StateChange {
  key: string;
  kind: keyof Facts;
  change: "added" | "changed" | "removed";
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  eventIds: string[];
}

/** How the diff reads one kind of fact: where it stands, what names it, and what an analyst compares. */
interface Kind<F> {
  /** The facts of this kind: a document's own, or (for a part such as a plan's point) those of the fact holding them. */
  in: (holder: never) => F[];
  /** Names the same fact at both moments. */
  key(fact: F): string;
  /** The facts an analyst compares, in the order they are shown; provenance is compared through event ids. */
  compared(fact: F): Record<string, unknown>;
  sources(fact: F): readonly { eventId: string }[];
  /** Kinds held inside this one, listed right after each fact that holds them. */
  parts?: (keyof Facts)[];
}

const fields =
  <F>(...names: (keyof F & string)[]) =>
  (fact: F) => {
    const value: Record<string, unknown> = {};
    for (const name of names) value[name] = fact[name];
    return value;
  };
const cited = (fact: { sources: { eventId: string }[] }) => fact.sources;
/** The facts a document holds directly, in its section `name`. */
const section = <S extends keyof StateDocument>(name: S) => Object.assign((d: StateDocument) => d[name], { section: name });

const kinds: { [K in keyof Facts]: Kind<Facts[K]> } = {
  plan: { in: section("plans"), key: (p) => p.id, compared: fields("title", "pointCount", "contentsDisclosed"), sources: cited, parts: ["point"] },
  point: { in: (p: PlanDoc) => p.points, key: (pt) => pt.id, compared: fields("status", "summary", "number", "issue"), sources: cited },
  stance: { in: section("stances"), key: (s) => `${s.party}/${s.issue}`, compared: fields("position", "speaker", "quote"), sources: cited },
  meeting: {
    in: section("meetings"),
    key: (m) => m.id,
    compared: fields("status", "place", "date", "durationHours", "documentsPresented", "outcome"),
    sources: cited,
  },
  document: { in: section("documents"), key: (d) => d.id, compared: fields("count", "description"), sources: cited },
  person: { in: section("people"), key: (p) => `${p.name}/${p.role}`, compared: fields("status", "manner"), sources: cited },
  dispute: {
    in: section("disputes"),
    key: (d) => d.subject,
    compared: (d) => ({ claims: d.accounts.map((a) => a.claim) }),
    sources: (d) => d.accounts.flatMap((a) => a.sources),
  },
};

/** The sections of a document the diff reads: all that a diff of two partly rendered documents needs rendered. */
export const comparedSections: ReadonlySet<keyof StateDocument> = new Set(
  Object.values(kinds).flatMap((kind) => ("section" in kind.in ? [kind.in.section as keyof StateDocument] : [])),
);

/** The kinds a document holds directly; the rest are parts of one of these. */
const topLevel = (Object.keys(kinds) as (keyof Facts)[]).filter((k) => !Object.values(kinds).some((kind) => kind.parts?.includes(k)));

interface Entity {
  kind: keyof Facts;
  value: Record<string, unknown>;
  eventIds: string[];
}

/** Every fact of `holder` of `kind`, and after each its parts, keyed `kind:key`. */
function collect(out: Map<string, Entity>, kind: keyof Facts, holder: unknown): void {
  const k = kinds[kind] as Kind<unknown>;
  for (const fact of k.in(holder as never)) {
    out.set(`${kind}:${k.key(fact)}`, { kind, value: k.compared(fact), eventIds: [...new Set(k.sources(fact).map((s) => s.eventId))] });
    for (const part of k.parts ?? []) collect(out, part, fact);
  }
}

function entities(doc: StateDocument): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const kind of topLevel) collect(out, kind, doc);
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
