import type { z } from "zod";
import { ReportCorrected, ReportRetracted } from "./correction.ts";
import type { EventDefinition } from "./define.ts";
import { MeetingCancelled, MeetingHeld, MeetingScheduled } from "./meeting.ts";
import { IssueAdded, IssueReworded, NegotiationOpened, PartyAdded } from "./negotiation.ts";
import { OfficialAppointed, OfficialLeftOffice } from "./people.ts";
import { DocumentsPresented, PlanPointAdded, PlanPointAmended, PlanPointRemoved, PlanPublished, PlanReaction, PlanRevised } from "./plan.ts";
import { DevelopmentReported } from "./report.ts";
import { SourceFiled } from "./source-filed.ts";
import { StanceStated, StatementMade } from "./stance.ts";

export const catalogue = [
  NegotiationOpened,
  PartyAdded,
  IssueAdded,
  IssueReworded,
  SourceFiled,
  PlanPublished,
  PlanRevised,
  PlanPointAdded,
  PlanPointAmended,
  PlanPointRemoved,
  PlanReaction,
  DocumentsPresented,
  MeetingScheduled,
  MeetingHeld,
  MeetingCancelled,
  StanceStated,
  StatementMade,
  DevelopmentReported,
  OfficialAppointed,
  OfficialLeftOffice,
  ReportCorrected,
  ReportRetracted,
] as const;

type Definition = (typeof catalogue)[number];
export type EventType = Definition["type"];
export const eventTypes = catalogue.map<EventType>((d) => d.type);

/** The payload each type carries, keyed by type: `Payload<"StanceStated">`. */
export type Payload<T extends EventType> = z.output<Extract<Definition, { type: T }>["data"]>;

/** A type and its payload, discriminated on `type` so reducers can switch on it. */
export type TypedData = { [T in EventType]: { type: T; data: Payload<T> } }[EventType];

const byType = new Map<string, EventDefinition<string, z.ZodType>>(catalogue.map((d) => [d.type, d as never]));

export function definitionOf(type: string): EventDefinition<string, z.ZodType> | undefined {
  return byType.get(type);
}

/** Lifts a stored payload to the current schema version, one step at a time. */
export function upcast(type: string, version: number, data: unknown): { version: number; data: unknown } {
  const def = byType.get(type);
  if (!def) throw new Error(`unknown event type '${type}' in the store`);
  let current = data as Record<string, unknown>;
  for (let v = version; v < def.version; v++) {
    const step = def.upcasters[v];
    if (!step) throw new Error(`no upcaster for ${type} v${v} → v${v + 1}`);
    current = step(current);
  }
  return { version: def.version, data: current };
}
