import type { ValidTime } from "../events/valid-time.ts";
import type { Party } from "../events/vocabulary.ts";
import { defineProjection, refTo, type Ref } from "./projection.ts";

export interface DocumentSet {
  id: string;
  presentedBy: Party;
  presentedTo: Party[];
  count: number | null;
  meetingId: string | null;
  planId: string | null;
  titles: string[];
  description: string;
  date: ValidTime;
  ref: Ref;
}

export type DocumentsState = Record<string, DocumentSet>;

export const documents = defineProjection({
  name: "documents",
  handles: ["DocumentsPresented"],
  initialState: (): DocumentsState => ({}),
  apply(state, e) {
    if (e.type !== "DocumentsPresented") return;
    const d = e.data;
    state[d.documentSetId] = {
      id: d.documentSetId,
      presentedBy: d.presentedBy,
      presentedTo: d.presentedTo,
      count: d.count,
      meetingId: d.meetingId ?? null,
      planId: d.planId ?? null,
      titles: d.titles,
      description: d.description,
      date: e.occurredAt,
      ref: refTo(e),
    };
  },
});
