/**
 * A seeded generator (mulberry32): the synthetic history is the same on every machine and
 * in every process, so the engine and the peer are measured on byte-identical events.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A version-4 UUID drawn from this generator, so ids repeat across runs too. */
  uuid(): string {
    const h = (bits: number) => HEX[(Math.floor(this.next() * 65536) >> bits) & 0xff]! + HEX[Math.floor(this.next() * 256)]!;
    return `${h(0)}${h(0)}-${h(0)}-4${h(0).slice(1)}-${"89ab"[this.int(0, 3)]}${h(0).slice(1)}-${h(0)}${h(0)}${h(0)}`;
  }
}
