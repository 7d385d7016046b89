import { describe, it } from "vitest";
import type { ValidTime } from "../events/valid-time.ts";
import { documents, type DocumentSet } from "./documents.ts";
import { fourMoreDocuments } from "./seed-quotes.ts";
import { ProjectionSpecification, reported } from "./specification.ts";

const given = ProjectionSpecification.for(documents);

const tuesday: ValidTime = { precision: "day", from: "2025-12-02T00:00:00.000Z", to: "2025-12-02T23:59:59.999Z", label: "Tuesday" };

/** The set the US brought to the Kremlin on 2 December, as both reports of it name it. */
const kremlinSet = { documentSetId: "kremlin-2025-12-02-four-documents", presentedBy: "us", presentedTo: ["russia"] };

const presented = reported(
  "DocumentsPresented",
  { date: "2025-12-02", label: "Tuesday" },
  {
    ...kremlinSet,
    count: 4,
    meetingId: "kremlin-2025-12-02",
    planId: "us-peace-plan",
    titles: [],
    description: "Four more documents concerning the peace settlement; titles and contents not disclosed",
  },
  fourMoreDocuments,
);
const fourDocuments: DocumentSet = {
  id: "kremlin-2025-12-02-four-documents",
  presentedBy: "us",
  presentedTo: ["russia"],
  count: 4,
  meetingId: "kremlin-2025-12-02",
  planId: "us-peace-plan",
  titles: [],
  description: "Four more documents concerning the peace settlement; titles and contents not disclosed",
  date: tuesday,
  ref: { eventId: presented.id, until: "2025-12-02T23:59:59.999Z" },
};

describe("documents", () => {
  it("records a set of documents as presented, its titles undisclosed when none are given", () => {
    given([]).when(presented).then({ "kremlin-2025-12-02-four-documents": fourDocuments });
  });

  it("takes a later report of the same set as the set, with no meeting or plan when it names none", () => {
    const recount = reported(
      "DocumentsPresented",
      { date: "2025-12-02", label: "Tuesday" },
      {
        ...kremlinSet,
        count: null,
        titles: ["Annex on guarantees"],
        description: "documents on the settlement",
      },
      fourMoreDocuments,
    );
    given([presented])
      .when(recount)
      .then({
        "kremlin-2025-12-02-four-documents": {
          ...fourDocuments,
          count: null,
          meetingId: null,
          planId: null,
          titles: ["Annex on guarantees"],
          description: "documents on the settlement",
          ref: { eventId: recount.id, until: "2025-12-02T23:59:59.999Z" },
        },
      });
  });
});
