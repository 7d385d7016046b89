import type { ValidTime } from "../events/valid-time.ts";
import type { MeetingStatus, Participant } from "../events/vocabulary.ts";
import { changeOf, defineProjection, handledAll, refTo, type Change, type Ref } from "./projection.ts";

export interface Meeting {
  id: string;
  place: string;
  date: ValidTime;
  status: MeetingStatus;
  participants: Participant[];
  durationHours: number | null;
  durationApproximate: boolean;
  documentsPresented: number | null;
  round: string | null;
  purpose: string | null;
  outcome: string | null;
  ref: Ref;
  history: Change<MeetingStatus>[];
}

export type MeetingsState = Record<string, Meeting>;

export const meetings = defineProjection({
  name: "meetings",
  handles: ["MeetingScheduled", "MeetingHeld", "MeetingCancelled"],
  initialState: (): MeetingsState => ({}),
  apply(state, e) {
    switch (e.type) {
      case "MeetingScheduled": {
        const d = e.data;
        const prior = state[d.meetingId];
        if (prior?.status === "held") return; // a late report of the arrangement does not un-hold it
        const history = prior?.history ?? [];
        history.push(changeOf(e, "scheduled", `scheduled in ${d.place}`));
        state[d.meetingId] = {
          id: d.meetingId,
          place: d.place,
          date: d.date,
          status: "scheduled",
          participants: d.participants,
          durationHours: null,
          durationApproximate: false,
          documentsPresented: null,
          round: null,
          purpose: d.purpose ?? null,
          outcome: null,
          ref: refTo(e),
          history,
        };
        return;
      }
      case "MeetingHeld": {
        const d = e.data;
        const prior = state[d.meetingId];
        const history = prior?.history ?? [];
        history.push(changeOf(e, "held", d.outcome ?? `held in ${d.place}`));
        state[d.meetingId] = {
          id: d.meetingId,
          place: d.place,
          date: e.occurredAt,
          status: "held",
          participants: d.participants,
          durationHours: d.durationHours ?? null,
          durationApproximate: d.durationApproximate,
          documentsPresented: d.documentsPresented ?? null,
          round: d.round ?? null,
          purpose: prior?.purpose ?? null,
          outcome: d.outcome ?? null,
          ref: refTo(e),
          history,
        };
        return;
      }
      case "MeetingCancelled": {
        const meeting = state[e.data.meetingId];
        if (!meeting) return;
        meeting.status = "cancelled";
        meeting.ref = refTo(e);
        meeting.history.push(changeOf(e, "cancelled", e.data.reason ?? "cancelled"));
        return;
      }
      default:
        handledAll(e);
    }
  },
});
