// Two moments side by side: what changed between two dates, or what the record learnt between
// two "known at" dates, each change with its sources; and a plan's versions side by side.

import { firstDay, formatWhen, isoDay } from "./dates.js";
import { el } from "./dom.js";
import { partyName } from "./render.js";
import { sourcesButton } from "./sources.js";

/** The request for a comparison: two valid times under the view's "known at", or two "known at" days for the chosen day. */
export function compareUrl(view) {
  const { by, from, to } = view.compare;
  const negotiation = view.negotiation === null ? "" : `&negotiation=${encodeURIComponent(view.negotiation)}`;
  if (by === "knownAt") return `/api/diff/learnt?at=${isoDay(view.at)}&knownFrom=${isoDay(from)}&knownTo=${isoDay(to)}${negotiation}`;
  return `/api/diff?from=${isoDay(from)}&to=${isoDay(to)}${view.knownAt === null ? "" : `&knownAt=${isoDay(view.knownAt)}`}${negotiation}`;
}

const shown = (v) => (v === null || v === undefined ? "—" : Array.isArray(v) ? v.join("; ") : String(v));

/** "position: supports → rejects", one line per field that differs; a new or gone thing lists what it holds. */
function differences(change) {
  const fields = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])];
  const value = (f, v) => v !== null && v !== undefined && el("li", {}, el("span", { class: "field" }, `${f}: `), change.change === "removed" ? el("del", {}, shown(v)) : shown(v));
  if (change.change !== "changed") return fields.map((f) => value(f, (change.after ?? change.before)[f]));
  return fields
    .filter((f) => JSON.stringify(change.before[f]) !== JSON.stringify(change.after[f]))
    .map((f) => el("li", {}, el("span", { class: "field" }, `${f}: `), el("del", {}, shown(change.before[f])), " → ", el("ins", {}, shown(change.after[f]))));
}

const KIND_WORDS = { added: "new", changed: "changed", removed: "gone" };

function keyLabel(key) {
  const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
  if (kind === "stance") {
    const [party, issue] = id.split("/");
    return `${partyName(party)} on ${issue}`;
  }
  return `${kind} ${id}`;
}

/** The comparison's changes, each with the sources of the events that made it (found in `entries`). */
export function renderComparison(report, entries, view) {
  const { by, from, to } = view.compare;
  const byId = new Map(entries.map((e) => [e.eventId, e]));
  const heading =
    by === "knownAt"
      ? `What the record learnt between ${isoDay(from)} and ${isoDay(to)} about the state on ${isoDay(view.at)}`
      : `What changed between the end of ${isoDay(from)} and the end of ${isoDay(to)}`;
  const items = report.changes.map((c) => {
    const sources = c.eventIds.flatMap((id) => byId.get(id)?.sources ?? []);
    return el(
      "li",
      { class: `change change-${c.change}`, "data-testid": "change", "data-key": c.key },
      el(
        "p",
        {},
        el("span", { class: `badge badge-${c.change}` }, KIND_WORDS[c.change]),
        " ",
        el("strong", {}, keyLabel(c.key)),
        " ",
        sources.length > 0 && sourcesButton(keyLabel(c.key), sources),
      ),
      el("ul", { class: "differences" }, differences(c)),
    );
  });
  const between = (report.events ?? []).map((e) =>
    el(
      "li",
      {},
      el("time", { datetime: (e.occurredAtRange.from ?? e.occurredAtRange.to).slice(0, 10) }, formatWhen(e.occurredAt, e.occurredAtRange)),
      " ",
      e.summary,
      " ",
      sourcesButton(e.summary, e.sources),
    ),
  );
  return [
    el("h3", { "data-testid": "compare-heading" }, heading),
    items.length ? el("ol", { class: "changes" }, items) : el("p", { class: "empty" }, "Nothing differs."),
    between.length > 0 &&
      el("details", { class: "between" }, el("summary", {}, `${between.length} development${between.length === 1 ? "" : "s"} dated in between`), el("ol", {}, between)),
  ];
}

/** A point's status as of a version: its last change that had begun by the version's first day. */
function statusAt(point, revision) {
  const day = firstDay(revision.atRange);
  const known = point.history.filter((h) => firstDay(h.atRange) <= day);
  return known.length ? known[known.length - 1].kind : null;
}

const FATE = { proposed: "in this version", amended: "changed", removed: "taken out", undisclosed: "undisclosed: not said whether it remains" };

/** Each plan's versions as columns, each described point's fate in each, and how many points no report describes. */
export function renderVersions(doc) {
  const plans = doc.plans.filter((p) => p.revisions.length > 0);
  if (!plans.length) return el("p", { class: "empty" }, "No plan version by this day.");
  return plans.map((plan) =>
    el(
      "div",
      { class: "versions-wrap" },
      el(
        "table",
        { class: "versions", "data-testid": `versions-${plan.id}` },
        el("caption", {}, `${plan.title}: versions side by side`),
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { scope: "col" }, "point"),
            plan.revisions.map((r, i) =>
              el(
                "th",
                { scope: "col", "data-testid": "version" },
                `v${i + 1} · `,
                formatWhen(r.at, r.atRange),
                el("span", { class: "count-cell", "data-testid": "version-count" }, `${r.pointCount ?? "?"} points`),
                el("span", { class: "sub" }, r.contentsDisclosed ? "contents disclosed" : "contents not disclosed"),
              ),
            ),
          ),
        ),
        el(
          "tbody",
          {},
          plan.points.map((pt) =>
            el(
              "tr",
              {},
              el("th", { scope: "row" }, pt.summary),
              plan.revisions.map((r) => {
                const status = statusAt(pt, r);
                return el(
                  "td",
                  { "data-status": status ?? "absent" },
                  status ? [el("span", { class: `badge badge-${status}` }, status), el("span", { class: "fate" }, FATE[status] ?? "")] : "not in this version",
                );
              }),
            ),
          ),
          el(
            "tr",
            { class: "undescribed" },
            el("th", { scope: "row" }, "points no report describes"),
            plan.revisions.map((r) => {
              const described = plan.points.filter((pt) => ["proposed", "amended"].includes(statusAt(pt, r))).length;
              return el("td", { "data-testid": "undescribed" }, r.pointCount === null ? "unknown" : String(Math.max(0, r.pointCount - described)));
            }),
          ),
        ),
      ),
    ),
  );
}
