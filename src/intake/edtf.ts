import { lastDayOfMonth } from "./calendar.ts";

/** The first and last day an EDTF date covers (null: open at that end); undefined if not a form drafting writes. */
export function edtfInterval(text: string): { from: string | null; to: string | null } | undefined {
  const [start, end] = text.includes("/") ? text.split("/") : [text, text];
  const from = start === ".." ? null : bound(start!, "first");
  const to = end === ".." ? null : bound(end!, "last");
  if (from === undefined || to === undefined) return undefined;
  return { from, to };
}

function bound(part: string, side: "first" | "last"): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(part)) return part.slice(0, 10);
  const month = /^(\d{4})-(\d{2})$/.exec(part);
  if (month) return side === "first" ? `${part}-01` : lastDayOfMonth(Number(month[1]), Number(month[2]));
  if (/^\d{4}$/.test(part)) return side === "first" ? `${part}-01-01` : `${part}-12-31`;
  return undefined;
}
