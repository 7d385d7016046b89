// Every fact links to the reports behind it: a button that opens the quoted sentences.

import { byId, el, fill } from "./dom.js";

/** Short names for a list of sources: the seed article's number, else the outlet. */
function cite(sources) {
  const names = [...new Set(sources.map((s) => (s.seed ? s.seed.slice(0, 3) : (s.outlet ?? "unnamed outlet"))))];
  return names.length ? names.join(" · ") : "no source";
}

/** Only web links become links: a stored `javascript:` URL must never be clickable. */
const safeUrl = (url) => {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

function sourceItem(s) {
  const url = s.url && safeUrl(s.url);
  const heading = [s.outlet ?? "unnamed outlet", s.publishedAt && `published ${s.publishedAt}`].filter(Boolean).join(", ");
  return el(
    "li",
    { class: "source" },
    el("p", { class: "source-head" }, el("strong", {}, heading), s.seed && el("span", { class: "seed" }, `seed ${s.seed}`)),
    s.title && el("p", { class: "source-title" }, url ? el("a", { href: url, rel: "noreferrer noopener", target: "_blank" }, s.title) : s.title),
    !s.title && url && el("p", {}, el("a", { href: url, rel: "noreferrer noopener", target: "_blank" }, url)),
    el("blockquote", { class: "quote" }, s.quoteClean ?? s.quote),
    s.quoteClean && s.quoteClean !== s.quote && el("details", { class: "raw" }, el("summary", {}, "as published (with the mis-decoded characters)"), el("p", {}, s.quote)),
    el("p", { class: "event-id" }, `event ${s.eventId}`),
  );
}

export function showSources(what, sources) {
  byId("sources-title").textContent = `Sources: ${what}`;
  fill("sources-list", sources.length ? sources.map(sourceItem) : el("li", {}, "No source recorded."));
  byId("sources-dialog").showModal();
}

/** The button every fact carries. */
export const sourcesButton = (what, sources) =>
  el(
    "button",
    { type: "button", class: "sources-button", title: `Sources for ${what}`, "data-testid": "sources-button", onclick: () => showSources(what, sources) },
    cite(sources),
  );
