// Types for window.js, shared with the server's SVG export.
import type { TimelineEntry } from "../../engine/chronicle.ts";

export interface Window {
  from: number;
  to: number;
}
export declare function densePeriod(entries: Pick<TimelineEntry, "occurredAtRange">[]): Window | null;
export declare function wholeRecord(entries: Pick<TimelineEntry, "occurredAtRange">[]): Window | null;
export declare function zoom(window: Window, factor: number): Window;
export declare function pan(window: Window, share: number): Window;
export declare function lanesEnd(window: Window, entries: Pick<TimelineEntry, "occurredAtRange">[]): number;
