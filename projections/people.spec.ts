import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import { people, type Office } from "./people.ts";
import type { Ref } from "./projection.ts";
import { umerovSteppedIn, yermakFired } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(people);

/** Undated, but before the Florida round over the weekend of 29–30 Nov. */
const beforeFlorida = { date: "../2025-11-30", label: "before the Florida round" };
const byNov30: ValidTime = { precision: "interval", from: "0000-01-01T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z", label: "before the Florida round" };
const chief = "Zelensky's chief of staff";

const resigned = reported("OfficialLeftOffice", beforeFlorida, { person: "Andriy Yermak", party: "ukraine", role: chief, manner: "resigned" }, umerovSteppedIn);
const wasFired = reported("OfficialLeftOffice", beforeFlorida, { person: "Andriy Yermak", party: "ukraine", role: chief, manner: "fired" }, yermakFired);
const resignedRef: Ref = { eventId: resigned.id, until: "2025-11-30T23:59:59.999Z" };
const yermakLeft: Office = {
  role: chief,
  basis: "appointed",
  status: "left-office",
  since: byNov30,
  ref: resignedRef,
  previousRole: null,
  departures: [{ manner: "resigned", ref: resignedRef }],
};

const appointed = reported(
  "OfficialAppointed",
  { date: "../2025-12-03", label: "recently" },
  { person: "Rustem Umerov", party: "ukraine", role: "head of the National Security and Defense Council", previousRole: "defence minister" },
  umerovSteppedIn,
);
const appointedRef: Ref = { eventId: appointed.id, until: "2025-12-03T23:59:59.999Z" };
const recently: ValidTime = { precision: "interval", from: "0000-01-01T00:00:00.000Z", to: "2025-12-03T23:59:59.999Z", label: "recently" };
const nsdc: Office = {
  role: "head of the National Security and Defense Council",
  basis: "appointed",
  status: "in-office",
  since: recently,
  ref: appointedRef,
  previousRole: "defence minister",
  departures: [],
};

const florida = reported(
  "MeetingHeld",
  { date: "2025-11-29/2025-11-30", label: "over the weekend" },
  {
    meetingId: "florida-round-2025-11",
    place: "Florida",
    participants: [
      { name: "Steve Witkoff", party: "us", role: "US envoy" },
      { name: "Rustem Umerov", party: "ukraine", role: "envoy" },
      { name: "Ukrainian delegation", party: "ukraine" },
    ],
  },
  yermakFired,
);
const weekend: ValidTime = { precision: "interval", from: "2025-11-29T00:00:00.000Z", to: "2025-11-30T23:59:59.999Z", label: "over the weekend" };
const floridaRef: Ref = { eventId: florida.id, until: "2025-11-30T23:59:59.999Z" };

describe("people", () => {
  it("records an appointment, with the role the person held before", () => {
    given([])
      .when(appointed)
      .then({ "Rustem Umerov": { name: "Rustem Umerov", party: "ukraine", offices: { [nsdc.role]: nsdc } } });
  });

  it("records a departure from an office the record never saw taken", () => {
    given([])
      .when(resigned)
      .then({ "Andriy Yermak": { name: "Andriy Yermak", party: "ukraine", offices: { [chief]: yermakLeft } } });
  });

  it("keeps a second, disagreeing account of how someone left beside the first, without moving when they left", () => {
    const firedRef: Ref = { eventId: wasFired.id, until: "2025-11-30T23:59:59.999Z" };
    given([resigned])
      .when(wasFired)
      .then({
        "Andriy Yermak": {
          name: "Andriy Yermak",
          party: "ukraine",
          offices: {
            [chief]: {
              ...yermakLeft,
              departures: [
                { manner: "resigned", ref: resignedRef },
                { manner: "fired", ref: firedRef },
              ],
            },
          },
        },
      });
  });

  it("notes people a meeting names in a role as 'named', not appointed, and skips anyone without a role", () => {
    const named = (role: string): Office => ({ role, basis: "named", status: "in-office", since: weekend, ref: floridaRef, previousRole: null, departures: [] });
    given([])
      .when(florida)
      .then({
        "Steve Witkoff": { name: "Steve Witkoff", party: "us", offices: { "US envoy": named("US envoy") } },
        "Rustem Umerov": { name: "Rustem Umerov", party: "ukraine", offices: { envoy: named("envoy") } },
      });
  });

  it("does not let a meeting's list of roles overwrite what the record knows of a person", () => {
    const withWitkoff = reported("OfficialAppointed", "2025-01", { person: "Steve Witkoff", party: "us", role: "US envoy" }, yermakFired);
    given([appointed, withWitkoff]).when(florida).thenUnchanged();
  });

  it("turns a role a meeting named into an appointment once one is reported", () => {
    const envoy = reported("OfficialAppointed", beforeFlorida, { person: "Steve Witkoff", party: "us", role: "US envoy" }, yermakFired);
    const ref: Ref = { eventId: envoy.id, until: "2025-11-30T23:59:59.999Z" };
    given([florida])
      .when(envoy)
      .then({
        "Steve Witkoff": {
          name: "Steve Witkoff",
          party: "us",
          offices: { "US envoy": { role: "US envoy", basis: "appointed", status: "in-office", since: byNov30, ref, previousRole: null, departures: [] } },
        },
        "Rustem Umerov": {
          name: "Rustem Umerov",
          party: "ukraine",
          offices: { envoy: { role: "envoy", basis: "named", status: "in-office", since: weekend, ref: floridaRef, previousRole: null, departures: [] } },
        },
      });
  });
});
