// "Record a development": an article goes in, draft events come out as forms, the analyst
// reviews each, previews what it would change (a dry run), and records it. Writes carry the
// write-session cookie (HttpOnly) and, being same-origin fetches, the page's own Origin.

import { edtfInWords } from "./dates.js";
import { byId, el, fill } from "./dom.js";

/** Data fields naming one party or one issue, and lists of them: pickers over the negotiation's vocabulary. */
const PARTY = new Set(["party", "presentedBy"]);
const ISSUE = new Set(["issue"]);

let schemas = null;

/** Each event type's JSON Schema, as the server validates with (zod → JSON Schema in /api/openapi.json). */
async function eventSchemas() {
  schemas ??= fetch("/api/openapi.json")
    .then((r) => r.json())
    .then((doc) => doc.components.schemas);
  return schemas;
}

async function postJson(url, body) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const reply = await res.json().catch(() => ({}));
  return { ok: res.ok, status: res.status, body: reply };
}

/** A refusal as one readable line: the message and each named field. */
const refusal = ({ status, body }) =>
  [body.error ?? `HTTP ${status}`, ...(body.issues ?? []).map((i) => `${i.path}: ${i.message}`), status === 401 ? "Sign in for writes above first." : null]
    .filter(Boolean)
    .join(" · ");

let fieldCount = 0;
const fieldId = () => `record-field-${++fieldCount}`;

/** One labelled input; `read` gives its value back as the schema wants it (undefined when left empty). */
function field(name, schema, value, vocabulary, required) {
  const id = fieldId();
  const label = el("label", { for: id }, name, required ? " *" : "");
  const items = schema.items ?? {};
  if (schema.type === "array" && items.type === "string" && (name === "parties" || name === "issues")) {
    const options = name === "parties" ? vocabulary.parties : vocabulary.issues;
    const boxes = options.map((o) =>
      el(
        "label",
        { class: "pick" },
        el("input", { type: "checkbox", value: o.id, "data-testid": `pick-${name}-${o.id}`, checked: (value ?? []).includes(o.id) }),
        ` ${o.name ?? o.id}`,
      ),
    );
    const node = el("fieldset", { class: "picks", "data-field": name }, el("legend", {}, name), boxes);
    return {
      node,
      read: () =>
        boxes
          .map((b) => b.querySelector("input"))
          .filter((i) => i.checked)
          .map((i) => i.value),
    };
  }
  let input;
  if (schema.enum || PARTY.has(name) || ISSUE.has(name)) {
    const choices = schema.enum ? schema.enum.map((v) => ({ id: v, name: v })) : PARTY.has(name) ? vocabulary.parties : vocabulary.issues;
    input = el(
      "select",
      { id, "data-field": name },
      el("option", { value: "" }, required ? "(choose)" : "(none)"),
      choices.map((c) => el("option", { value: c.id, selected: c.id === value }, c.name === c.id ? c.id : `${c.name ?? c.id} (${c.id})`)),
    );
  } else if (schema.type === "boolean") {
    input = el("input", { id, type: "checkbox", "data-field": name, checked: value === true });
    return { node: el("p", { class: "record-field" }, input, " ", label), read: () => input.checked };
  } else if (schema.type === "number" || schema.type === "integer") {
    input = el("input", { id, type: "number", step: schema.type === "integer" ? "1" : "any", "data-field": name, value: value ?? "" });
    return { node: el("p", { class: "record-field" }, label, input), read: () => (input.value === "" ? undefined : Number(input.value)) };
  } else if (schema.type !== "string") {
    // Lists, objects and references (participants, points, a valid time) are edited as JSON: the server's 400 names any field that is wrong.
    input = el("textarea", { id, rows: 3, "data-field": name, "aria-describedby": `${id}-hint` }, value === undefined ? "" : JSON.stringify(value, null, 1));
    const hint = el("span", { id: `${id}-hint`, class: "hint" }, " JSON");
    return { node: el("p", { class: "record-field" }, label, hint, input), read: () => (input.value.trim() === "" ? undefined : JSON.parse(input.value)) };
  } else {
    input = el("input", { id, type: "text", "data-field": name, value: value ?? "", list: name === "speaker" || name === "name" ? "record-people" : undefined });
  }
  return { node: el("p", { class: "record-field" }, label, input), read: () => (input.value === "" ? undefined : input.value) };
}

/**
 * The article with the quote marked, every part a text node. Only the article box scrolls to the
 * mark: scrolling the page would move a button between the press and the release of a click on it.
 */
function showArticle(text, quote) {
  const box = byId("record-article");
  if (box.dataset.quote === (quote ?? "")) return;
  box.dataset.quote = quote ?? "";
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return fill("record-article", text);
  const mark = el("mark", { "data-testid": "record-quote" }, quote);
  fill("record-article", text.slice(0, at), mark, text.slice(at + quote.length));
  box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
}

/** One draft as a form: its date with what it means, its data fields from the schema, Preview and Record. */
function card(draft, index, schema, context) {
  const { draft: notes, ...event } = draft;
  const dataSchema = schema.properties.data;
  const required = new Set(dataSchema.required ?? []);
  const fields = Object.entries(dataSchema.properties).map(([name, s]) => [name, field(name, s, event.data[name], context.vocabulary, required.has(name))]);
  const dateId = fieldId();
  const dateInput = el("input", { id: dateId, type: "text", value: event.occurredAt.date, "data-testid": "record-date", "aria-describedby": `${dateId}-words` });
  const dateWords = el("output", { id: `${dateId}-words`, for: dateId, class: "date-words", "data-testid": "record-date-words" }, edtfInWords(event.occurredAt.date));
  dateInput.addEventListener("input", () => (dateWords.textContent = edtfInWords(dateInput.value)));
  const result = el("div", { class: "record-result", "data-testid": "record-result", role: "status" });
  const quote = event.sources[0]?.quote;

  /** The event as reviewed: the draft annotation gone, the fields as the analyst left them. */
  const reviewed = () => {
    const data = Object.fromEntries(
      fields.map(([name, f]) => [name, f.read()]).filter(([name, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0 && !required.has(name))),
    );
    return { ...event, occurredAt: { ...event.occurredAt, date: dateInput.value.trim() }, data };
  };
  const send = async (dryRun) => {
    let body;
    try {
      body = { negotiation: context.negotiation, events: [reviewed()] };
    } catch (err) {
      return void result.replaceChildren(el("p", { class: "problem" }, `A JSON field is not valid JSON: ${err.message}`));
    }
    const reply = await postJson(`/api/events${dryRun ? "?dryRun=true" : ""}`, body);
    if (!reply.ok) return void result.replaceChildren(el("p", { class: "problem", "data-testid": "record-problem" }, refusal(reply)));
    if (dryRun) return void result.replaceChildren(previewOf(reply.body));
    node.dataset.recorded = "true";
    result.replaceChildren(el("p", { class: "recorded", "data-testid": "record-done" }, `Recorded at position ${reply.body.position}.`));
    for (const b of node.querySelectorAll("button")) b.disabled = true;
  };

  const node = el(
    "form",
    { class: "draft-card", "data-testid": "draft-card", "data-type": event.type, "aria-labelledby": `${dateId}-title`, onsubmit: (e) => e.preventDefault() },
    el(
      "h3",
      { id: `${dateId}-title` },
      `${index + 1}. ${event.type}`,
      el("span", { class: "sub" }, ` confidence ${notes?.confidence ?? "?"}; cues: ${(notes?.cues ?? []).join(", ") || "none"}`),
    ),
    notes?.needs?.length ? el("p", { class: "needs", "data-testid": "record-needs" }, `Check or fill: ${notes.needs.join(", ")}`) : null,
    quote ? el("blockquote", { class: "record-card-quote" }, quote) : null,
    el("p", { class: "record-field" }, el("label", { for: dateId }, "When (EDTF) *"), dateInput, dateWords),
    event.occurredAt.label ? el("p", { class: "hint" }, `The article says: “${event.occurredAt.label}”`) : null,
    fields.map(([, f]) => f.node),
    el(
      "p",
      { class: "record-actions" },
      el("button", { type: "button", "data-testid": "record-preview", onclick: () => send(true) }, "Preview"),
      el("button", { type: "button", "data-testid": "record-record", onclick: () => send(false) }, "Record"),
    ),
    result,
  );
  node.addEventListener("focusin", () => showArticle(context.text, quote));
  return node;
}

/** The dry run: one line per change at each valid time, then the warnings. */
function previewOf({ changes, warnings }) {
  const lines = changes.flatMap((c) => c.lines);
  return el(
    "div",
    { "data-testid": "record-preview-result" },
    el("h4", {}, "Would change"),
    lines.length
      ? el(
          "ul",
          {},
          lines.map((l) => el("li", { "data-testid": "preview-change" }, l)),
        )
      : el("p", {}, "Nothing in the state (the event is still recorded)."),
    el("h4", {}, "Warnings"),
    warnings.length
      ? el(
          "ul",
          {},
          warnings.map((w) => el("li", { class: "warning", "data-testid": "preview-warning" }, `${w.kind}: ${w.message}`)),
        )
      : el("p", {}, "None."),
  );
}

async function draftArticle(context) {
  const value = (id) => byId(id).value.trim();
  const article = { text: byId("record-text").value, publishedAt: value("record-published"), outlet: value("record-outlet"), negotiation: context.negotiation };
  if (value("record-title-input")) article.title = value("record-title-input");
  if (value("record-url")) article.url = value("record-url");
  const status = byId("record-status");
  status.textContent = "Drafting…";
  const [reply, types] = await Promise.all([postJson("/api/drafts", article), eventSchemas()]);
  if (!reply.ok) return void (status.textContent = refusal(reply));
  status.textContent = reply.body.summary;
  const withText = { ...context, text: article.text };
  fill(
    "record-people",
    (context.people ?? []).map((p) => el("option", { value: p.name })),
  );
  byId("record-article").dataset.quote = "-";
  showArticle(article.text, null);
  fill(
    "draft-cards",
    reply.body.drafts.map((d, i) => card(d, i, types[`${d.type}Event`], withText)),
  );
}

async function signIn(e) {
  e.preventDefault();
  const reply = await postJson("/api/session/write", { token: byId("write-token").value });
  byId("write-token").value = "";
  byId("write-status").textContent = reply.ok ? "Signed in for writes in this browser." : refusal(reply);
  byId("write-status").dataset.state = reply.ok ? "signed-in" : "refused";
}

/** Wires the panel; `context()` gives the chosen negotiation and its state document as the page shows it. */
export function wireRecorder(context) {
  byId("write-sign-in").addEventListener("submit", signIn);
  byId("record-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const { negotiation, doc } = context();
    if (!negotiation || !doc) return void (byId("record-status").textContent = "The record has not loaded yet.");
    void draftArticle({ negotiation, vocabulary: doc.vocabulary, people: doc.people }).catch((err) => (byId("record-status").textContent = `Could not draft: ${err.message}`));
  });
}
