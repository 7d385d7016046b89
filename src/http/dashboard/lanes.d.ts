// Types for lanes.js, which the server's SVG export shares with the page (one rule for both).
import type { StateDocument } from "../../engine/document.ts";

export declare const OPEN_START: number;

export interface Band {
  from: number;
  to: number;
  tentative: boolean;
  openStart: boolean;
  lane: string;
  label: string;
  party: string;
  issue: string;
  position: string;
  change: StateDocument["stances"][number]["history"][number];
  single: boolean;
  speaker: string | null;
}

export interface Lane {
  lane: string;
  label: string;
  bands: Band[];
}

export declare function stanceLanes(doc: StateDocument, options: { mode: "valid" | "record"; end: number; reportedAt: Map<string, string> }): Lane[];
export declare function positionOn(lane: Lane, day: number): string | null;
