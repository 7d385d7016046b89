/** The little of d3 (its d3-scale and d3-shape parts) the scaling chart uses: d3 ships no types, and the repo has no @types/d3. */
declare module "d3" {
  interface Scale {
    (value: number): number;
    domain(values: number[]): Scale;
    range(values: number[]): Scale;
    nice(): Scale;
    ticks(count?: number): number[];
  }
  export function scaleLinear(): Scale;
  export function scaleLog(): Scale;
  interface Line<T> {
    (data: T[]): string | null;
    x(f: (d: T) => number): Line<T>;
    y(f: (d: T) => number): Line<T>;
  }
  export function line<T>(): Line<T>;
}
