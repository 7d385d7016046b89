import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import type { Participant } from "../events/vocabulary.ts";
import { meetings, type Meeting } from "./meetings.ts";
import { alaskaInAugust, miamiOnThursday } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(meetings);

/** The seeds end before Thursday: what happened in Miami is written as a later report would say it. */
const laterReport = { outlet: "Test Wire", publishedAt: "2025-12-05", quote: "The Miami talks ran for about four hours." };

const witkoff: Participant = { name: "Steve Witkoff", party: "us", role: "special envoy" };
const umerov: Participant = { name: "Rustem Umerov", party: "ukraine", role: "negotiator" };

/** Arranged at some time up to 3 Dec (the report does not say when), for Thursday 4 Dec. */
const miamiScheduled = reported(
  "MeetingScheduled",
  { date: "../2025-12-03" },
  {
    meetingId: "miami-2025-12-04",
    place: "Miami",
    date: { date: "2025-12-04", label: "Thursday" },
    participants: [witkoff, umerov],
    purpose: "meet the Ukrainian negotiators",
  },
  miamiOnThursday,
);
const arrangedBy3Dec: ValidTime = { precision: "interval", from: "0000-01-01T00:00:00.000Z", to: "2025-12-03T23:59:59.999Z" };
const thursday4Dec: ValidTime = { precision: "day", from: "2025-12-04T00:00:00.000Z", to: "2025-12-04T23:59:59.999Z", label: "Thursday" };

const miamiScheduledState: Meeting = {
  id: "miami-2025-12-04",
  place: "Miami",
  date: thursday4Dec,
  status: "scheduled",
  participants: [witkoff, umerov],
  durationHours: null,
  durationApproximate: false,
  documentsPresented: null,
  round: null,
  purpose: "meet the Ukrainian negotiators",
  outcome: null,
  ref: { eventId: miamiScheduled.id, until: "2025-12-03T23:59:59.999Z" },
  history: [{ kind: "scheduled", summary: "scheduled in Miami", at: arrangedBy3Dec, ref: { eventId: miamiScheduled.id, until: "2025-12-03T23:59:59.999Z" } }],
};

const miamiHeld = reported(
  "MeetingHeld",
  "2025-12-04",
  {
    meetingId: "miami-2025-12-04",
    place: "Miami",
    participants: [witkoff, umerov],
    durationHours: 4,
    durationApproximate: true,
    outcome: "talks continue",
  },
  laterReport,
);
const miamiCancelled = reported("MeetingCancelled", "2025-12-04", { meetingId: "miami-2025-12-04", reason: "postponed" }, laterReport);

const alaska: Participant[] = [
  { name: "Donald Trump", party: "us", role: "President" },
  { name: "Vladimir Putin", party: "russia", role: "President" },
];
const august2025: ValidTime = { precision: "month", from: "2025-08-01T00:00:00.000Z", to: "2025-08-31T23:59:59.999Z", label: "August this year (said 3 Dec 2025)" };
const alaskaHeld = reported(
  "MeetingHeld",
  { date: "2025-08", label: "August this year (said 3 Dec 2025)" },
  {
    meetingId: "alaska-summit-2025-08",
    place: "Alaska",
    participants: alaska,
  },
  alaskaInAugust,
);
/** The Alaska summit as held in `place`: no outcome reported, so its history says where. */
const alaskaHeldIn = (place: string): Meeting => {
  const ref = { eventId: alaskaHeld.id, until: "2025-08-31T23:59:59.999Z" };
  return {
    id: "alaska-summit-2025-08",
    place,
    date: august2025,
    status: "held",
    participants: alaska,
    durationHours: null,
    durationApproximate: true,
    documentsPresented: null,
    round: null,
    purpose: null,
    outcome: null,
    ref,
    history: [{ kind: "held", summary: `held in ${place}`, at: august2025, ref }],
  };
};

describe("meetings", () => {
  it("records an arranged meeting on the day it is set for, dated by when it was arranged in its history", () => {
    given([]).when(miamiScheduled).then({ "miami-2025-12-04": miamiScheduledState });
  });

  // A duration not reported is taken as approximate (the schema's default), never as exact.
  it("keeps a month-precise meeting to its month, and says 'held in' its place when no outcome is reported", () => {
    given([])
      .when(alaskaHeld)
      .then({ "alaska-summit-2025-08": alaskaHeldIn("Alaska") });
  });

  it("holds a scheduled meeting on the day it was held, keeping its purpose and the arrangement in its history", () => {
    const ref = { eventId: miamiHeld.id, until: "2025-12-04T23:59:59.999Z" };
    given([miamiScheduled])
      .when(miamiHeld)
      .then({
        "miami-2025-12-04": {
          ...miamiScheduledState,
          date: { precision: "day", from: "2025-12-04T00:00:00.000Z", to: "2025-12-04T23:59:59.999Z" },
          status: "held",
          durationHours: 4,
          durationApproximate: true,
          outcome: "talks continue",
          ref,
          history: [
            ...miamiScheduledState.history,
            { kind: "held", summary: "talks continue", at: { precision: "day", from: "2025-12-04T00:00:00.000Z", to: "2025-12-04T23:59:59.999Z" }, ref },
          ],
        },
      });
  });

  it("does not un-hold a meeting when its arrangement is reported late", () => {
    given([miamiHeld]).when(miamiScheduled).thenUnchanged();
  });

  it("cancels a scheduled meeting, with the reason in its history", () => {
    const ref = { eventId: miamiCancelled.id, until: "2025-12-04T23:59:59.999Z" };
    given([miamiScheduled])
      .when(miamiCancelled)
      .then({
        "miami-2025-12-04": {
          ...miamiScheduledState,
          status: "cancelled",
          ref,
          history: [
            ...miamiScheduledState.history,
            { kind: "cancelled", summary: "postponed", at: { precision: "day", from: "2025-12-04T00:00:00.000Z", to: "2025-12-04T23:59:59.999Z" }, ref },
          ],
        },
      });
  });

  it("ignores the cancellation of a meeting it never heard of", () => {
    given([alaskaHeld]).when(miamiCancelled).thenUnchanged();
  });

  it("folds a corrected report as the correction has it, under the original event's id", () => {
    // What the engine hands the projection once "Alaska" is corrected to "Anchorage, Alaska": the same event, its place replaced.
    const corrected = { ...alaskaHeld, data: { ...alaskaHeld.data, place: "Anchorage, Alaska" } } as typeof alaskaHeld;
    given([])
      .when(corrected)
      .then({ "alaska-summit-2025-08": alaskaHeldIn("Anchorage, Alaska") });
  });
});
