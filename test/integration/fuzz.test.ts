import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidEventError, parseEvent, withEdtf, type PendingEvent } from "../../events/envelope.ts";
import { BUNDLED_NEGOTIATION } from "../../src/history.ts";
import { defaultSettings } from "../../src/http/settings.ts";
import { authorised, startServer, type TestServer } from "../support/http-helpers.ts";
import { anyJson, damagedText, mutatedEvent, validEvent } from "../support/mutations.ts";

/** What the validator says of one JSON text: the event, the issues, or "not JSON". */
function verdict(text: string): { event: PendingEvent } | { issues: InvalidEventError["issues"] } | "not JSON" {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  try {
    return { event: parseEvent(input) };
  } catch (err) {
    if (!(err instanceof InvalidEventError)) throw new Error(`parseEvent threw ${String(err)} for ${text.slice(0, 300)}`, { cause: err });
    return { issues: err.issues };
  }
}

const unpolluted = () => {
  for (const key of ["polluted", "then", "admin"]) expect(Object.prototype).not.toHaveProperty(key);
};

const tally = { validator: { tried: 0, accepted: 0, rejected: 0 }, http: { tried: 0, created: 0, refused: 0 } };
afterAll(() => {
  const { validator: v, http: h } = tally;
  console.log(
    `fuzz: ${v.tried} inputs at parseEvent (${v.accepted} accepted, ${v.rejected} rejected); ${h.tried} at POST /api/events (${h.created} written, ${h.refused} refused with 4xx); ${v.tried + h.tried} in all`,
  );
});

describe("fuzz: the validator", () => {
  it("answers every mutated event with an event or an InvalidEventError naming each bad field", () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: mutatedEvent, weight: 8 }, { arbitrary: anyJson, weight: 1 }, { arbitrary: validEvent, weight: 1 }), ({ text }) => {
        const v = verdict(text);
        tally.validator.tried++;
        if (v === "not JSON") throw new Error("the arbitraries only make JSON");
        if ("event" in v) return void tally.validator.accepted++;
        tally.validator.rejected++;
        expect(v.issues.length).toBeGreaterThan(0);
        for (const issue of v.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 3000 },
    );
    unpolluted();
  });

  it("never throws anything but InvalidEventError, whatever value it is handed", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withDate: true, withSparseArray: true, withTypedArray: true }),
        (input) => {
          tally.validator.tried++;
          try {
            parseEvent(input);
            tally.validator.accepted++;
          } catch (err) {
            expect(err).toBeInstanceOf(InvalidEventError);
            tally.validator.rejected++;
          }
        },
      ),
      { numRuns: 1000 },
    );
    unpolluted();
  });
});

describe("fuzz: POST /api/events", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ writesPerMinute: 1_000_000 });
  });
  afterAll(() => server.close());

  const send = async (text: string) => {
    const res = await fetch(`${server.url}/api/events`, { method: "POST", headers: authorised, body: text });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** The stored event at `position`, as the engine read it back from SQLite. */
  const storedAt = async (position: number) => {
    const res = await fetch(`${server.url}/api/events?after=${position - 1}&limit=1`);
    return ((await res.json()) as { events: Record<string, unknown>[] }).events[0]!;
  };

  it("never fails with a 5xx; writes what the validator accepts, as given; writes nothing for the rest", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: mutatedEvent, weight: 6 }, { arbitrary: damagedText, weight: 2 }, { arbitrary: validEvent, weight: 1 }, { arbitrary: anyJson, weight: 1 }),
        async ({ type, text }) => {
          const before = await server.chronicle.store.headPosition();
          const v = verdict(text);
          const reply = await send(text);
          tally.http.tried++;
          expect(reply.status, `${reply.status} ${JSON.stringify(reply.body)} for ${text.slice(0, 300)}`).toBeLessThan(500);
          const after = await server.chronicle.store.headPosition();
          if (reply.status !== 201) {
            tally.http.refused++;
            // A mutation can blow a string up past the body limit (a NUL is six bytes escaped): that is a 413, before parsing.
            expect(reply.status).toBe(Buffer.byteLength(text) > defaultSettings.bodyLimit ? 413 : 400);
            expect(reply.body.error).toEqual(expect.any(String));
            expect(after).toBe(before);
            // Only a correction may be refused after validation: its target must exist and take the new fields.
            // What the validator takes, only the decide step refuses: a correction of nothing, or words the negotiation does not know.
            if (v !== "not JSON" && "event" in v)
              expect(`${v.event.type}: ${JSON.stringify(reply.body.issues)}`).toMatch(
                /^Report(Corrected|Retracted)|unknown (party|issue)|already (open|declared|filed)|never opened|belongs to negotiation/,
              );
            return;
          }
          tally.http.created++;
          expect(v !== "not JSON" && "event" in v, `201 for an input the validator refuses: ${text.slice(0, 300)}`).toBe(true);
          expect(after).toBe(before + 1);
          const { event } = v as { event: PendingEvent };
          const stored = await storedAt(after);
          // A write that names no negotiation goes to the server's (PARLEY_NEGOTIATION); a declaration to its own.
          const home = "negotiationId" in (event.data as object) ? (event.data as { negotiationId: string }).negotiationId : BUNDLED_NEGOTIATION;
          // The API shows each valid time with its EDTF string beside the stored interval.
          const shown = withEdtf({ ...event, position: after, streamVersion: 0, recordedAt: "" });
          expect(stored).toMatchObject({
            type: event.type,
            stream: event.stream.includes(":") ? event.stream : `${home}:${event.stream}`,
            occurredAt: shown.occurredAt,
            reportedAt: event.reportedAt,
            sources: event.sources,
          });
          if (type !== "ReportCorrected") expect(stored.data).toEqual(shown.data);
        },
      ),
      { numRuns: 1500 },
    );
    unpolluted();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("writes a batch with a mutated event in it whole or not at all", async () => {
    const batch = fc.tuple(validEvent, mutatedEvent, validEvent, fc.nat(2)).map(([a, m, b, slot]) => {
      const events = [a.text, b.text];
      events.splice(slot, 0, m.text);
      return { events: events.map((t) => JSON.parse(t) as unknown), mutated: m.text };
    });
    await fc.assert(
      fc.asyncProperty(batch, async ({ events, mutated }) => {
        const before = await server.chronicle.store.headPosition();
        const reply = await send(JSON.stringify({ events }));
        tally.http.tried++;
        expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
        const after = await server.chronicle.store.headPosition();
        if (reply.status === 201) {
          tally.http.created++;
          expect(after).toBe(before + 3);
          const v = verdict(mutated);
          expect(v !== "not JSON" && "event" in v).toBe(true);
        } else {
          tally.http.refused++;
          expect(reply.status).toBe(Buffer.byteLength(JSON.stringify({ events })) > defaultSettings.bodyLimit ? 413 : 400);
          expect(after).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  });
});
