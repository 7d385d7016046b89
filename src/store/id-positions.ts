/**
 * Where each event id sits in the log, in 8 bytes a slot: a 32-bit hash of the id and its
 * position, side by side in one Uint32Array (open addressing, linear probing, at most
 * half full). A million ids take 2^21 slots, 16 MB, where a Map of strings would take
 * several times that. A hash names candidates, not answers: the caller confirms each one
 * against the row at its position, so two ids sharing a hash cost a row read, never a wrong answer.
 */
export class IdPositions {
  /** [hash, position] pairs; position 0 marks an empty slot (positions start at 1). */
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  /** The first position whose row `confirm` says holds `id`. */
  find(id: string, confirm: (position: number, id: string) => boolean): number | undefined {
    const hash = hashOf(id);
    const mask = this.mask();
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const position = this.slots[2 * slot + 1]!;
      if (position === 0) return undefined;
      if (this.slots[2 * slot] === hash && confirm(position, id)) return position;
    }
  }

  add(id: string, position: number): void {
    if (position > 0xffffffff) throw new Error(`position ${position} is beyond the 2^32 this store's id index holds`);
    if (2 * (this.count + 1) > this.capacity()) this.grow();
    this.place(hashOf(id), position);
    this.count++;
  }

  /** Takes back the entry `add(id, position)` made: a write rolled back. */
  remove(id: string, position: number): void {
    const hash = hashOf(id);
    const mask = this.mask();
    let slot = hash & mask;
    while (this.slots[2 * slot + 1] !== position) {
      if (this.slots[2 * slot + 1] === 0) return;
      slot = (slot + 1) & mask;
    }
    this.count--;
    // Backward-shift deletion: each later entry of the run moves into the hole when its
    // home slot does not lie between the hole and where it sits, so no probe stops short.
    for (let hole = slot, next = (slot + 1) & mask; ; next = (next + 1) & mask) {
      const position = this.slots[2 * next + 1]!;
      if (position === 0) {
        this.slots[2 * hole] = 0;
        this.slots[2 * hole + 1] = 0;
        return;
      }
      const home = this.slots[2 * next]! & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        this.slots[2 * hole] = this.slots[2 * next]!;
        this.slots[2 * hole + 1] = position;
        hole = next;
      }
    }
  }

  /** Bytes held: what the index costs the process. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  private capacity = () => this.slots.length / 2;
  private mask = () => this.capacity() - 1;

  private place(hash: number, position: number): void {
    const mask = this.mask();
    let slot = hash & mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = position;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]!);
  }
}

/** FNV-1a over the UTF-16 code units, then murmur3's finalizer so the low bits (the home slot) depend on every character. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
