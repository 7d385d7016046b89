/**
 * The parts of edtf.js (https://github.com/inukshuk/edtf.js) Parley uses. The package ships
 * no types; this declares only what `events/edtf.ts` calls, as the package's README documents it.
 */
declare module "edtf" {
  export interface ExtendedDate {
    /** Date, Year, Season, Interval, Set, List, Decade or Century. */
    readonly type: string;
    /** The normalised EDTF string. */
    readonly edtf: string;
    /** Earliest instant covered, in ms; -Infinity for an open start, null for an unknown one. */
    readonly min: number | null;
    /** Last instant covered, in ms; Infinity for an open end, null for an unknown one. */
    readonly max: number | null;
    /** 1 year, 2 month, 3 day; 0 for a date-time. Absent on intervals, sets and seasons. */
    readonly precision?: number;
    readonly lower?: ExtendedDate | null;
    readonly upper?: ExtendedDate | null;
  }
  export default function edtf(input: string, constraints?: { level?: 0 | 1 | 2 | 3 }): ExtendedDate;
}
