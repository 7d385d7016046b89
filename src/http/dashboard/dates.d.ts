// Types for dates.js, shared with the server's SVG export.
export declare function dayOf(iso: string): number;
export declare function isoDay(day: number): string;
export declare function edtfInWords(edtf: string): string;
