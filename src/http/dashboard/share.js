// Taking a view out of the page: a link and a citation for it, and the exports pinned to a "known at".

import { isoDay } from "./dates.js";
import { byId, el } from "./dom.js";

/**
 * The transaction time an export is pinned to: the view's "known at" day (its end), else this
 * moment, so downloading the same link again gives the same file.
 */
const pinnedKnownAt = (view) => (view.knownAt === null ? new Date().toISOString() : `${isoDay(view.knownAt)}T23:59:59.999Z`);

export function exportLinks(view) {
  const query = new URLSearchParams({ knownAt: pinnedKnownAt(view) });
  if (view.negotiation !== null) query.set("negotiation", view.negotiation);
  const link = (href, text, name) => el("li", {}, el("a", { href, download: name, "data-testid": `export-${name.split(".").pop()}` }, text));
  const chartQuery = new URLSearchParams(query);
  chartQuery.set("view", view.mode);
  if (view.shown) for (const end of ["from", "to"]) chartQuery.set(end, isoDay(view.shown[end]));
  const feed = view.negotiation === null ? [] : [link(`/api/negotiations/${encodeURIComponent(view.negotiation)}/feed.atom`, "Atom feed of changes", "feed.atom")];
  return [
    link(`/api/exports/events.csv?${query}`, "Events (CSV, ACLED-like columns)", "events.csv"),
    link(`/api/exports/timeline.json?${query}`, "Timeline (TimelineJS JSON)", "timeline.json"),
    link(`/api/exports/sources.csl.json?${query}`, "Sources (CSL-JSON)", "sources.csl-json"),
    ...feed,
    link(`/api/exports/stances.svg?${chartQuery}`, "Stance chart as shown (SVG)", "stances.svg"),
  ];
}

/** Shows the link to this view and a plain-text citation of it; copies the citation where the browser allows. */
export function citeView(view) {
  const title = view.negotiations.find((n) => n.name === view.negotiation)?.title ?? view.negotiation ?? "the record";
  const known = view.knownAt === null ? `as known on ${new Date().toISOString().slice(0, 10)}` : `as the record stood on ${isoDay(view.knownAt)}`;
  const text = `Parley, “${title}”: state on ${isoDay(view.at)}, ${known}${view.doc ? ` (record position ${view.doc.position})` : ""}. ${location.href} (accessed ${new Date().toISOString().slice(0, 10)}).`;
  byId("citation").hidden = false;
  byId("citation-link").value = location.href;
  byId("citation-text").value = text;
  byId("citation-text").focus();
  byId("citation-text").select();
  void navigator.clipboard?.writeText(text).catch(() => {});
}
