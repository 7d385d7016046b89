import type { TimelineEntry } from "../engine/chronicle.ts";
import type { SourceRef, StateDocument } from "../engine/document.ts";
import { NotFoundError } from "./errors.ts";

/**
 * The timelines behind one thing: its state at the asked moment, and the developments
 * (with sources, reported and recorded dates, corrections) that made it so.
 */
const eventsBehind = (history: TimelineEntry[], sources: SourceRef[]): TimelineEntry[] => {
  const ids = new Set(sources.map((s) => s.eventId));
  return history.filter((e) => ids.has(e.eventId));
};

export function pointTimeline(doc: StateDocument, history: TimelineEntry[], id: string) {
  for (const plan of doc.plans) {
    const point = plan.points.find((p) => p.id === id);
    if (point) return { at: doc.at, knownAt: doc.knownAt, planId: plan.id, point, events: eventsBehind(history, point.history.flatMap((h) => h.sources)) };
  }
  throw new NotFoundError("plan point", id, doc.plans.flatMap((p) => p.points.map((pt) => pt.id)));
}

export function meetingTimeline(doc: StateDocument, history: TimelineEntry[], id: string) {
  const meeting = doc.meetings.find((m) => m.id === id);
  if (!meeting) throw new NotFoundError("meeting", id, doc.meetings.map((m) => m.id));
  const documents = doc.documents.filter((d) => d.meetingId === id);
  const statements = doc.statements.filter((s) => s.meetingId === id);
  const sources = [meeting, ...documents, ...statements].flatMap((x) => x.sources);
  return { at: doc.at, knownAt: doc.knownAt, meeting, documents, statements, events: eventsBehind(history, sources) };
}

export function partyTimeline(doc: StateDocument, history: TimelineEntry[], id: string) {
  const party = doc.vocabulary.parties.find((p) => p.id === id)?.id;
  if (party === undefined) throw new NotFoundError("party", id, doc.vocabulary.parties.map((p) => p.id));
  const stances = doc.stances.filter((s) => s.party === party);
  const statements = doc.statements.filter((s) => s.party === party);
  const people = doc.people.filter((p) => p.party === party);
  const meetings = doc.meetings.filter((m) => m.participants.some((p) => p.party === party));
  const sources = [...stances.flatMap((s) => s.history), ...statements, ...people, ...meetings].flatMap((x) => x.sources);
  return { at: doc.at, knownAt: doc.knownAt, party, stances, statements, people, meetings, events: eventsBehind(history, sources) };
}
