// Renders the state document into the page's sections. Pure DOM building: no fetching, no state.

import { dayOf, formatWhen, precisionNote } from "./dates.js";
import { el } from "./dom.js";
import { sourcesButton } from "./sources.js";

const PARTY_NAMES = { us: "United States", russia: "Russia", ukraine: "Ukraine", europe: "Europe" };
export const partyName = (p) => PARTY_NAMES[p] ?? p;

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

const when = (t) => el("time", { datetime: t.from, title: `${precisionNote(t)}${t.label ? `: ${t.label}` : ""}` }, formatWhen(t));
const badge = (kind, text, title) => el("span", { class: `badge badge-${kind}`, title }, text);
const empty = (text) => el("p", { class: "empty" }, text);

function renderPoint(pt, changed) {
  const key = `point:${pt.id}`;
  return el(
    "li",
    { class: cls("point", changed.has(key) && "flash"), "data-key": key },
    badge(pt.status, pt.status, STATUS_NOTES[pt.status]),
    el("div", { class: "point-body" },
      el("p", {}, pt.number !== null && el("span", { class: "point-number" }, `#${pt.number} `), pt.summary),
      el("p", { class: "meta" }, pt.issue && el("span", { class: "tag" }, pt.issue), " status since ", when(pt.since), " ", tentativeMark(pt), " ", sourcesButton(`point ${pt.id}`, pt.sources)),
    ),
  );
}

function renderPlan(plan, changed) {
  const key = `plan:${plan.id}`;
  return el(
    "article",
    { class: cls("plan", changed.has(key) && "flash"), "data-key": key },
    el("div", { class: "plan-head" },
      el("div", { class: "count" }, el("span", { class: "count-n", "data-testid": "point-count" }, plan.pointCount ?? "?"), el("span", { class: "count-label" }, "points")),
      el("div", {},
        el("h3", {}, plan.title, " ", tentativeMark(plan)),
        el("p", { class: "meta" }, `${partyName(plan.sponsor)} proposal, ${plan.manner}. `,
          plan.contentsDisclosed ? "Contents disclosed." : el("span", { class: "flag" }, "Contents of this version not disclosed."), " ",
          sourcesButton(plan.title, plan.sources)),
      ),
    ),
    el("h4", {}, `Points the reports describe (${plan.points.length} of ${plan.pointCount ?? "an unknown number"})`),
    el("ol", { class: "points" }, plan.points.map((pt) => renderPoint(pt, changed))),
    el("h4", {}, "Versions"),
    el("ol", { class: "revisions" }, plan.revisions.map((r) => el("li", {}, when(r.at), " ", r.summary, " ", sourcesButton(`${plan.title}: ${r.kind}`, r.sources)))),
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
    el("p", {}, badge(stance.position, stance.position), " ", tentativeMark(stance)),
    stance.quote && el("blockquote", { class: "quote short" }, stance.quote),
    el("p", { class: "meta" }, stance.speaker ? `${stance.speaker}, ` : "", when(stance.since)),
    stance.basis && el("p", { class: "basis", title: stance.basis }, `reading: ${stance.basis}`),
    sourcesButton(what, stance.sources),
  );
}

/** Parties down, issues across; the column heads say what "supports" means for each issue. */
export function renderStances(doc, vocabulary, changed) {
  const find = (party, issue) => doc.stances.find((s) => s.party === party && s.issue === issue);
  const proposition = (issue) => doc.stances.find((s) => s.issue === issue)?.proposition;
  return el(
    "table",
    { class: "matrix" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "party"), vocabulary.issues.map((i) => el("th", { scope: "col" }, i, proposition(i) && el("span", { class: "proposition" }, proposition(i)))))),
    el("tbody", {}, vocabulary.parties.map((p) => el("tr", {}, el("th", { scope: "row" }, partyName(p)), vocabulary.issues.map((i) => stanceCell(find(p, i), p, i, changed))))),
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
      el("ul", {}, d.accounts.map((a) => el("li", {}, el("q", {}, a.claim), " ", sourcesButton(`"${a.claim}"`, a.sources)))),
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
    el("p", { class: "meta" }, when(m.date), hours(m) && ` · ${hours(m)}`, m.documentsPresented !== null && ` · ${m.documentsPresented} documents presented`, m.round && ` · ${m.round}`),
    el("ul", { class: "participants" }, m.participants.map((p) => el("li", { class: `party-${p.party}` }, p.name, p.role && el("span", { class: "role" }, ` ${p.role}`), el("span", { class: "party" }, ` ${partyName(p.party)}`)))),
    m.purpose && el("p", {}, el("strong", {}, "Purpose: "), m.purpose),
    m.outcome && el("p", {}, el("strong", {}, "Outcome: "), m.outcome),
    docs.map((d) => el("p", { class: "documents" }, el("strong", {}, "Documents: "), `${partyName(d.presentedBy)} presented ${d.count ?? "an unknown number of"} to ${d.presentedTo.map(partyName).join(", ")}: ${d.description} `, sourcesButton(`documents ${d.id}`, d.sources))),
    sourcesButton(`meeting ${m.id}`, m.sources),
  );
}

export const renderMeetings = (doc, changed) => (doc.meetings.length ? doc.meetings.map((m) => renderMeeting(m, doc.documents, changed)) : empty("No meeting reported by this day."));

function office(p) {
  if (p.basis === "named") return ["named as ", p.role, " at a meeting of ", when(p.since)];
  if (p.status === "in-office") return [p.role, ", in office since ", when(p.since)];
  return [p.role, ", left office ", when(p.since), " ", p.manner === "disputed" ? el("span", { class: "flag" }, "how is disputed") : `(${p.manner})`];
}

export function renderPeople(doc, changed) {
  if (!doc.people.length) return empty("Nobody named by this day.");
  return el("ul", { class: "people" }, doc.people.map((p) => {
    const key = `person:${p.name}/${p.role}`;
    return el("li", { class: cls(changed.has(key) && "flash"), "data-key": key }, el("strong", {}, p.name), ` (${partyName(p.party)}): `, office(p), " ", tentativeMark(p), " ", sourcesButton(`${p.name}, ${p.role}`, p.sources));
  }));
}

/** The whole history; what lies after the chosen day is dimmed, and a marker shows where the day falls. */
export function renderTimeline(entries, atDay, onPick) {
  const items = [];
  let marked = false;
  for (const e of entries) {
    const from = dayOf(e.occurredAt.from);
    if (!marked && from > atDay) {
      items.push(el("li", { class: "now-marker" }, "the state shown is as of here"));
      marked = true;
    }
    const state = from > atDay ? "after" : dayOf(e.occurredAt.to) > atDay ? "tentative" : "before";
    items.push(el(
      "li",
      { class: `entry entry-${state}`, "data-testid": "timeline-entry" },
      el("button", { type: "button", class: "when", title: `show the state at the end of this date (${precisionNote(e.occurredAt)})`, onclick: () => onPick(dayOf(e.occurredAt.to)) }, formatWhen(e.occurredAt)),
      e.occurredAt.label && el("span", { class: "label", title: e.occurredAt.label }, e.occurredAt.label),
      el("p", { class: "summary" }, e.summary),
      el("p", { class: "meta" }, e.type, e.reportedAt && ` · reported ${e.reportedAt.slice(0, 10)}`, e.correctedBy && el("span", { class: "flag" }, " corrected"), " ", sourcesButton(e.summary, e.sources)),
    ));
  }
  if (!marked) items.push(el("li", { class: "now-marker" }, "the state shown is as of here"));
  return items.length > 1 ? items : empty("No development recorded.");
}
