/**
 * Parley's public surface. Follow the names from here: the event catalogue, the store
 * port and its adapters, the engine that answers bitemporal questions, and the shells
 * (CLI, HTTP) around it.
 */
export { catalogue, eventTypes, type EventType, type Payload } from "../events/catalogue.ts";
export { InvalidEventError, parseEvent, parseEvents, type PendingEvent, type StoredEvent } from "../events/envelope.ts";
export { repairMojibake } from "../events/mojibake.ts";
export { dateRange, edtfOf, resolveDate, resolveMoment, type DateRange, type ValidTime } from "../events/valid-time.ts";
export { Issue, Party, StancePosition } from "../events/vocabulary.ts";
export { applyEvent, initialState, type ParleyState } from "../projections/index.ts";
export { Chronicle } from "./engine/chronicle.ts";
export { Basis, type DiffReport, type Timeline, type TimelineEntry } from "./engine/basis.ts";
export type { Effect } from "./engine/effect.ts";
export { type RecordOptions } from "./engine/record.ts";
export { diffStates, type StateChange } from "./engine/diff.ts";
export { toDocument, type StateDocument } from "./engine/document.ts";
export { BasisQuery, DiffQuery, HistoryQuery, InvalidQueryError, NotFoundError, StateQuery } from "./engine/query.ts";
export { bundledHistory, seed } from "./history.ts";
export { createApp, type AppOptions } from "./http/app.ts";
export { serve } from "./http/serve.ts";
export { MemoryEventStore } from "./store/memory.ts";
export { openStore } from "./store/open.ts";
export { DuplicateEventIdError, VersionConflictError, type EventStore, type ExpectedVersion } from "./store/port.ts";
export { SqliteEventStore } from "./store/sqlite.ts";
