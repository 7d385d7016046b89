import type { ProposedEvent } from "./proposal.ts";

/** One line per type, then what the analyst must look at: what `parley draft` prints and POST /api/drafts returns. */
export function draftSummary(drafts: ProposedEvent[]): string {
  const byType = new Map<string, number>();
  for (const d of drafts) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
  const newPeople = [...new Set(drafts.flatMap((d) => d.draft.newPeople ?? []))];
  return [
    `drafted ${drafts.length} events: ${[...byType].map(([t, n]) => `${n} ${t}`).join(", ") || "none"}`,
    `${drafts.filter((d) => d.draft.needs.length > 0).length} still need fields checked or filled (see each draft's "needs")`,
    ...(newPeople.length ? [`names not on record, proposed as new people: ${newPeople.join(", ")}`] : []),
  ].join("\n");
}
