// The stance chart's data: one lane per party × issue, one band per stretch of one position.
// Built from the state document's stance histories, so corrections are already applied.

import { dayOf, firstDay, lastDay } from "./dates.js";

/** Where an open start is drawn from: far enough back to run off any window's left edge. */
export const OPEN_START = dayOf("1900-01-01T00:00:00Z");

const startDay = (range) => (range.from ? firstDay(range) : null);

/**
 * Valid time: a change counts from the first day of its range (tentatively, hatched) and is
 * certain from its last day; the next change ends it on the day the next one starts. Day D
 * stands for the state at the end of D, as the rest of the page reads it.
 */
function validBands(change, next, end) {
  const start = startDay(change.atRange);
  const sure = lastDay(change.atRange);
  const until = next ? (startDay(next.atRange) ?? lastDay(next.atRange)) : end;
  const bands = [];
  if (start === null || start < sure) bands.push({ from: start ?? OPEN_START, to: Math.min(sure, until), tentative: true, openStart: start === null });
  if (until > sure) bands.push({ from: sure, to: until, tentative: false, openStart: false });
  return bands;
}

/** Transaction time: each change from the day it was reported until the next one was. */
function recordBands(change, next, end, reportedDay) {
  const from = reportedDay(change.eventId);
  const to = next ? reportedDay(next.eventId) : end;
  return to > from ? [{ from, to, tentative: false, openStart: false }] : [];
}

/**
 * The lanes, in the vocabulary's order (parties down, then issues), for the stances the record
 * holds. `mode` is "valid" (when it happened) or "record" (when the record learnt it);
 * `reportedAt` maps an event id to its reported (else recorded) timestamp.
 */
export function stanceLanes(doc, { mode, end, reportedAt }) {
  const reportedDay = (id) => dayOf(reportedAt.get(id) ?? "1970-01-01T00:00:00Z");
  // "Europe (European governments and the EU)" → "Europe": the lane labels have a margin's room.
  const names = new Map(doc.vocabulary.parties.map((p) => [p.id, p.name.replace(/\s*\(.*\)$/, "")]));
  const order = (s) => doc.vocabulary.parties.findIndex((p) => p.id === s.party) * 1000 + doc.vocabulary.issues.findIndex((i) => i.id === s.issue);
  return [...doc.stances]
    .sort((a, b) => order(a) - order(b))
    .map((s) => {
      const lane = `${s.party}/${s.issue}`;
      const label = `${names.get(s.party) ?? s.party} · ${s.issue}`;
      const bands = s.history.flatMap((change, i) => {
        const next = s.history[i + 1];
        const parts = mode === "record" ? recordBands(change, next, end, reportedDay) : validBands(change, next, end);
        // The single-source mark uses the engine's own count, which the document gives for the current position.
        const single = i === s.history.length - 1 && s.corroboration === 1;
        return parts.map((b) => ({ ...b, lane, label, party: s.party, issue: s.issue, position: change.kind, change, single, speaker: change.speaker }));
      });
      return { lane, label, bands };
    });
}

/** The position a lane shows on day `day`: the band covering it, else null (nothing stated yet). */
export const positionOn = (lane, day) => lane.bands.find((b) => b.from <= day && day < b.to)?.position ?? null;
