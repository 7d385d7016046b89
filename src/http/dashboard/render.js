// Renders the state document into the page's sections. Pure DOM building: no fetching, no state.

import { firstDay, formatWhen, lastDay, precisionNote } from "./dates.js";
import { el } from "./dom.js";
import { sourcesButton } from "./sources.js";

/** Party names as the negotiation on screen declares them; set by each render. */
let partyNames = new Map();
export const partyName = (p) => partyNames.get(p) ?? p;
export const useVocabulary = (doc) => void (partyNames = new Map(doc.vocabulary.parties.map((p) => [p.id, p.name])));

const STATUS_NOTES = {
  proposed: "in the plan as reported",
  amended: "changed by a later report",
  removed: "taken out of the plan",
  undisclosed: "the plan was revised without saying whether this point survived",
};

/** Class list from parts; `flash` marks what the last live event changed. */
const cls = (...parts) => parts.filter(Boolean).join(" ");

const tentativeMark = (fact) =>
  fact.tentative && el("span", { class: "tentative", title: "the chosen day falls inside this fact's date range: it may not have happened yet" }, "~ tentative");

/** A date: its words, with the EDTF, the precision and the source's own wording on hover. */
const when = (edtf, range) =>
  el("time", { datetime: (range.from ?? range.to).slice(0, 10), title: `${edtf}: ${precisionNote(range)}${range.label ? ` (${range.label})` : ""}` }, formatWhen(edtf, range));
/** "1 source" on a fact that rests on one article: the first thing an editor asks. */
const singleSource = (fact) => fact.corroboration === 1 && el("span", { class: "single", "data-testid": "single-source", title: "only one source reports this" }, "1 source");
const badge = (kind, text, title) => el("span", { class: `badge badge-${kind}`, title }, text);
const empty = (text) => el("p", { class: "empty" }, text);

function renderPoint(pt, changed) {
  const key = `point:${pt.id}`;
  return el(
    "li",
    { class: cls("point", changed.has(key) && "flash"), "data-key": key },
    badge(pt.status, pt.status, STATUS_NOTES[pt.status]),
    el(
      "div",
      { class: "point-body" },
      el("p", {}, pt.number !== null && el("span", { class: "point-number" }, `#${pt.number} `), pt.summary),
      el(
        "p",
        { class: "meta" },
        pt.issue && el("span", { class: "tag" }, pt.issue),
        " status since ",
        when(pt.since, pt.sinceRange),
        " ",
        tentativeMark(pt),
        " ",
        singleSource(pt),
        " ",
        sourcesButton(`point ${pt.id}`, pt.sources),
      ),
    ),
  );
}

function renderPlan(plan, changed) {
  const key = `plan:${plan.id}`;
  return el(
    "article",
    { class: cls("plan", changed.has(key) && "flash"), "data-key": key },
    el(
      "div",
      { class: "plan-head" },
      el("div", { class: "count" }, el("span", { class: "count-n", "data-testid": "point-count" }, plan.pointCount ?? "?"), el("span", { class: "count-label" }, "points")),
      el(
        "div",
        {},
        el("h3", {}, plan.title, " ", tentativeMark(plan)),
        el(
          "p",
          { class: "meta" },
          `${partyName(plan.sponsor)} proposal, ${plan.manner === "unknown" ? "made public (the accounts of how differ)" : plan.manner}. `,
          plan.contentsDisclosed ? "Contents disclosed." : el("span", { class: "flag" }, "Contents of this version not disclosed."),
          " ",
          sourcesButton(plan.title, plan.sources),
        ),
      ),
    ),
    el("h4", {}, `Points the reports describe (${plan.points.length} of ${plan.pointCount ?? "an unknown number"})`),
    el(
      "ol",
      { class: "points" },
      plan.points.map((pt) => renderPoint(pt, changed)),
    ),
    el("h4", {}, "Versions"),
    el(
      "ol",
      { class: "revisions" },
      plan.revisions.map((r) => el("li", {}, when(r.at, r.atRange), " ", r.summary, " ", singleSource(r), " ", sourcesButton(`${plan.title}: ${r.kind}`, r.sources))),
    ),
    plan.reactions.length > 0 && el("h4", {}, "Reactions to the plan"),
    plan.reactions.length > 0 &&
      el(
        "ul",
        { class: "reactions" },
        plan.reactions.map((r) =>
          el(
            "li",
            { "data-testid": `reaction-${r.party}`, "data-position": r.position },
            el("strong", {}, partyName(r.party)),
            " ",
            badge(r.position, r.position),
            " ",
            tentativeMark(r),
            " ",
            r.summary ?? r.quote ?? "",
            " ",
            el("span", { class: "meta" }, when(r.at, r.atRange)),
            " ",
            singleSource(r),
            " ",
            sourcesButton(`${partyName(r.party)} on ${plan.title}`, r.sources),
          ),
        ),
      ),
  );
}

export const renderPlans = (doc, changed) => (doc.plans.length ? doc.plans.map((p) => renderPlan(p, changed)) : empty("No plan had been reported by this day."));

function stanceCell(stance, party, issue, changed) {
  const key = `stance:${party}/${issue}`;
  const attrs = { "data-testid": `stance-${party}-${issue}`, "data-key": key };
  if (!stance) return el("td", { ...attrs, class: "stance none" }, "no stance reported");
  const what = `${partyName(party)} on ${issue}`;
  return el(
    "td",
    { ...attrs, class: cls("stance", changed.has(key) && "flash"), "data-position": stance.position },
    el("p", {}, badge(stance.position, stance.position), " ", tentativeMark(stance), " ", singleSource(stance)),
    stance.terms && el("p", { class: "terms", "data-testid": "terms" }, el("strong", {}, "terms: "), stance.terms),
    stance.statedAgainst && el("p", { class: "meta" }, `stated against the earlier wording: “${stance.statedAgainst}”`),
    stance.quote && el("blockquote", { class: "quote short" }, stance.quote),
    el("p", { class: "meta" }, stance.speaker ? `${stance.speaker}, ` : "", when(stance.since, stance.sinceRange)),
    stance.basis && el("p", { class: "basis", title: stance.basis }, `reading: ${stance.basis}`),
    sourcesButton(what, stance.sources),
  );
}

/**
 * Parties down, issues across, as the negotiation on screen declares them; each column
 * head says what "supports" means for its issue.
 */
export function renderStances(doc, changed) {
  const { parties, issues } = doc.vocabulary;
  if (!parties.length || !issues.length) return empty("This negotiation declares no parties or issues yet.");
  const find = (party, issue) => doc.stances.find((s) => s.party === party && s.issue === issue);
  return el(
    "table",
    { class: "matrix" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, "party"),
        issues.map((i) => el("th", { scope: "col", "data-testid": `issue-${i.id}` }, i.id, el("span", { class: "proposition" }, i.proposition ?? "(never declared)"))),
      ),
    ),
    el(
      "tbody",
      {},
      parties.map((p) =>
        el(
          "tr",
          {},
          el("th", { scope: "row", "data-testid": `party-${p.id}` }, p.name, p.kind && el("span", { class: "kind" }, p.kind)),
          issues.map((i) => stanceCell(find(p.id, i.id), p.id, i.id, changed)),
        ),
      ),
    ),
  );
}

export function renderDisputes(doc, changed) {
  if (!doc.disputes.length) return empty("No conflicting accounts by this day.");
  return doc.disputes.map((d) => {
    const key = `dispute:${d.subject}`;
    return el(
      "article",
      { class: cls("dispute", changed.has(key) && "flash"), "data-key": key },
      el("h3", {}, el("span", { class: "flag" }, "disputed"), " ", d.subject),
      el(
        "ul",
        {},
        d.accounts.map((a) => el("li", {}, el("q", {}, a.claim), " ", singleSource(a), " ", sourcesButton(`"${a.claim}"`, a.sources))),
      ),
    );
  });
}

const hours = (m) => m.durationHours !== null && `${m.durationApproximate ? "about " : ""}${m.durationHours} h`;

function renderMeeting(m, documents, changed) {
  const key = `meeting:${m.id}`;
  const docs = documents.filter((d) => d.meetingId === m.id);
  return el(
    "article",
    { class: cls("meeting", changed.has(key) && "flash"), "data-key": key, "data-testid": `meeting-${m.id}` },
    el("header", {}, el("h3", {}, m.place), badge(m.status, m.status), " ", tentativeMark(m)),
    el(
      "p",
      { class: "meta" },
      when(m.date, m.dateRange),
      " ",
      singleSource(m),
      hours(m) && ` · ${hours(m)}`,
      m.documentsPresented !== null && ` · ${m.documentsPresented} documents presented`,
      m.round && ` · ${m.round}`,
    ),
    el(
      "ul",
      { class: "participants" },
      m.participants.map((p) =>
        el("li", { class: `party-${p.party}` }, p.name, p.role && el("span", { class: "role" }, ` ${p.role}`), el("span", { class: "party" }, ` ${partyName(p.party)}`)),
      ),
    ),
    m.purpose && el("p", {}, el("strong", {}, "Purpose: "), m.purpose),
    m.outcome && el("p", {}, el("strong", {}, "Outcome: "), m.outcome),
    docs.map((d) =>
      el(
        "p",
        { class: "documents" },
        el("strong", {}, "Documents: "),
        `${partyName(d.presentedBy)} presented ${d.count ?? "an unknown number of"} to ${d.presentedTo.map(partyName).join(", ")}: ${d.description} `,
        singleSource(d),
        " ",
        sourcesButton(`documents ${d.id}`, d.sources),
      ),
    ),
    sourcesButton(`meeting ${m.id}`, m.sources),
  );
}

export const renderMeetings = (doc, changed) =>
  doc.meetings.length ? doc.meetings.map((m) => renderMeeting(m, doc.documents, changed)) : empty("No meeting reported by this day.");

function office(p) {
  if (p.basis === "named") return ["named as ", p.role, " at a meeting of ", when(p.since, p.sinceRange)];
  if (p.status === "in-office") return [p.role, ", in office since ", when(p.since, p.sinceRange)];
  return [p.role, ", left office ", when(p.since, p.sinceRange), " ", p.manner === "disputed" ? el("span", { class: "flag" }, "how is disputed") : `(${p.manner})`];
}

export function renderPeople(doc, changed) {
  if (!doc.people.length) return empty("Nobody named by this day.");
  return el(
    "ul",
    { class: "people" },
    doc.people.map((p) => {
      const key = `person:${p.name}/${p.role}`;
      return el(
        "li",
        { class: cls(changed.has(key) && "flash"), "data-key": key },
        el("strong", {}, p.name),
        ` (${partyName(p.party)}): `,
        office(p),
        " ",
        tentativeMark(p),
        " ",
        sourcesButton(`${p.name}, ${p.role}`, p.sources),
      );
    }),
  );
}

/** The whole history; what lies after the chosen day is dimmed, and a marker shows where the day falls. */
export function renderTimeline(entries, atDay, onPick) {
  const items = [];
  let marked = false;
  for (const e of entries) {
    const from = firstDay(e.occurredAtRange);
    if (!marked && from > atDay) {
      items.push(el("li", { class: "now-marker" }, "the state shown is as of here"));
      marked = true;
    }
    const state = from > atDay ? "after" : lastDay(e.occurredAtRange) > atDay ? "tentative" : "before";
    items.push(
      el(
        "li",
        { class: `entry entry-${state}`, "data-testid": "timeline-entry" },
        el(
          "button",
          {
            type: "button",
            class: "when",
            title: `${e.occurredAt}: show the state at the end of this date (${precisionNote(e.occurredAtRange)})`,
            onclick: () => onPick(lastDay(e.occurredAtRange)),
          },
          formatWhen(e.occurredAt, e.occurredAtRange),
        ),
        e.occurredAtRange.label && el("span", { class: "label", title: e.occurredAtRange.label }, e.occurredAtRange.label),
        el("p", { class: "summary" }, e.summary),
        el(
          "p",
          { class: "meta" },
          e.type,
          e.reportedAt && ` · reported ${e.reportedAt.slice(0, 10)}`,
          e.correctedBy && el("span", { class: "flag" }, " corrected"),
          " ",
          sourcesButton(e.summary, e.sources),
        ),
      ),
    );
  }
  if (!marked) items.push(el("li", { class: "now-marker" }, "the state shown is as of here"));
  return items.length > 1 ? items : empty("No development recorded.");
}
