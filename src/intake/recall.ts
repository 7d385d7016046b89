import { repairMojibake } from "../../events/mojibake.ts";
import { ValidTimeField, dateRange } from "../../events/valid-time.ts";
import { edtfInterval } from "./edtf.ts";
import type { ProposedEvent } from "./proposal.ts";

type Interval = { from: string | null; to: string | null };

/** A recorded event as the bundled history writes it: its valid time in any accepted form, its quotes with their seed. */
export interface RecordedEvent {
  type: string;
  occurredAt: unknown;
  sources: { seed?: string; quote: string }[];
  data?: Record<string, unknown>;
}

/**
 * The fields that say what happened, per type, for the stricter count: a stance's party and
 * issue (its direction is always left to the analyst), a meeting's place, a departure's manner.
 */
const keyFields: Record<string, string[]> = {
  MeetingHeld: ["place"],
  MeetingScheduled: ["place"],
  DocumentsPresented: ["count", "presentedBy"],
  PlanPublished: ["manner", "pointCount"],
  PlanRevised: ["pointCount"],
  OfficialLeftOffice: ["person", "manner"],
  OfficialAppointed: ["person"],
  StanceStated: ["party", "issue"],
  StatementMade: ["speaker", "party"],
};

const keyFieldsAgree = (draft: SeedDraft, recorded: RecordedEvent) =>
  (keyFields[recorded.type] ?? []).every((f) => JSON.stringify(draft.event.data[f]) === JSON.stringify(recorded.data?.[f]));

/** A drafted event with the seed it was drafted from. */
export interface SeedDraft {
  seed: string;
  event: ProposedEvent;
}

/** The days a recorded valid time covers: the engine's reading of today's forms, else EDTF. */
export function recordedInterval(occurredAt: unknown): Interval | undefined {
  const current = ValidTimeField.safeParse(occurredAt);
  if (current.success) {
    const { from, to } = dateRange(current.data);
    return { from: from?.slice(0, 10) ?? null, to: to?.slice(0, 10) ?? null };
  }
  const text = typeof occurredAt === "string" ? occurredAt : (occurredAt as { date?: unknown } | null)?.date;
  return typeof text === "string" ? edtfInterval(text) : undefined;
}

export function contains(outer: Interval, inner: Interval): boolean {
  const startsBefore = outer.from === null || (inner.from !== null && outer.from <= inner.from);
  const endsAfter = outer.to === null || (inner.to !== null && outer.to >= inner.to);
  return startsBefore && endsAfter;
}

const normal = (s: string) => repairMojibake(s).replace(/\s+/g, " ").trim();

/** Same sentence: one quote holds the other (the record sometimes quotes part of a sentence, or two of them). */
function sameQuote(draft: SeedDraft, recorded: RecordedEvent): boolean {
  return recorded.sources.some(
    (r) => r.seed === draft.seed && draft.event.sources.some((d) => normal(d.quote).includes(normal(r.quote)) || normal(r.quote).includes(normal(d.quote))),
  );
}

export type Verdict = "found" | "no draft of this type quoting its sentence" | "date range does not contain the recorded one";

/** Whether some draft has the recorded event's type, a date range containing its own, and one of its quote sentences. */
export function verdictFor(recorded: RecordedEvent, drafts: SeedDraft[]): { verdict: Verdict; closed: boolean; keyFields: boolean } {
  const candidates = drafts.filter((d) => d.event.type === recorded.type && sameQuote(d, recorded));
  if (candidates.length === 0) return { verdict: "no draft of this type quoting its sentence", closed: false, keyFields: false };
  const interval = recordedInterval(recorded.occurredAt);
  const fitting = candidates.filter((d) => {
    const range = edtfInterval(d.event.occurredAt.date);
    return interval !== undefined && range !== undefined && contains(range, interval);
  });
  if (fitting.length === 0) return { verdict: "date range does not contain the recorded one", closed: false, keyFields: false };
  return { verdict: "found", closed: fitting.some((d) => !d.event.occurredAt.date.includes("..")), keyFields: fitting.some((d) => keyFieldsAgree(d, recorded)) };
}
