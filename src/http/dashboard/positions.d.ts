// Types for positions.js, shared with the server's SVG export.
export declare const POSITIONS: Record<string, { mark: string; colour: string }>;
export declare function markOf(position: string): string;
