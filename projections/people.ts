import type { StoredEvent } from "../events/envelope.ts";
import type { ValidTime } from "../events/valid-time.ts";
import type { Party, Participant } from "../events/vocabulary.ts";
import { defineProjection, fact, handledAll, refTo, type Ref } from "./projection.ts";

export type Manner = "resigned" | "fired" | "unknown";

export interface Office {
  role: string;
  /** "appointed" when a report says so; "named" when a meeting merely lists them in the role. */
  basis: "appointed" | "named";
  status: "in-office" | "left-office";
  since: ValidTime;
  ref: Ref;
  previousRole: string | null;
  /** Every report of how the person left, kept side by side when they disagree. */
  departures: { manner: Manner; ref: Ref }[];
}

export interface Person {
  name: string;
  party: Party;
  offices: Record<string, Office>;
}

export type PeopleState = Record<string, Person>;

function officeOf(state: PeopleState, name: string, party: Party, role: string, e: StoredEvent): Office {
  const person = (state[name] ??= { name, party, offices: {} });
  const office = (person.offices[role] ??= { role, basis: "appointed", status: "in-office", since: e.occurredAt, ref: refTo(e), previousRole: null, departures: [] });
  office.basis = "appointed";
  return office;
}

/**
 * Meetings name people in a role: for someone the record knows nothing else about, that
 * is the best there is, flagged "named" so no one mistakes the meeting for an appointment.
 */
function noteParticipants(state: PeopleState, participants: Participant[], e: StoredEvent): void {
  for (const p of participants) {
    if (!p.role || state[p.name]) continue;
    state[p.name] = {
      name: p.name,
      party: p.party,
      offices: { [p.role]: { role: p.role, basis: "named", status: "in-office", since: e.occurredAt, ref: refTo(e), previousRole: null, departures: [] } },
    };
  }
}

export const people = defineProjection({
  name: "people",
  handles: ["OfficialAppointed", "OfficialLeftOffice", "MeetingHeld", "MeetingScheduled"],
  initialState: (): PeopleState => ({}),
  apply(state, e) {
    switch (e.type) {
      case "OfficialAppointed": {
        const d = e.data;
        const office = officeOf(state, d.person, d.party, d.role, e);
        Object.assign(office, { status: "in-office", since: e.occurredAt, ref: refTo(e), previousRole: d.previousRole ?? null });
        return;
      }
      case "OfficialLeftOffice": {
        const d = e.data;
        const office = officeOf(state, d.person, d.party, d.role, e);
        if (office.status !== "left-office") Object.assign(office, { status: "left-office", since: e.occurredAt, ref: refTo(e) });
        office.departures.push(fact({ manner: d.manner, ref: refTo(e) }));
        return;
      }
      case "MeetingHeld":
      case "MeetingScheduled":
        noteParticipants(state, e.data.participants, e);
        return;
      default:
        handledAll(e);
    }
  },
});
