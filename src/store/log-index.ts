import { IdPositions } from "./id-positions.ts";

/**
 * What a writer checks under the write lock, kept in memory so that the events table needs
 * no index beside its rowid B-tree: each stream's version and each id's position, through
 * position `through` of the log. Writes made inside a transaction are journaled, so that a
 * savepoint or a transaction rolled back takes them back here too.
 */
export class LogIndex {
  readonly ids = new IdPositions();
  private readonly heads = new Map<string, number>();
  /** The last position this index reflects. */
  through = 0;
  /** Each write not yet committed, in order: id, position, stream, and the stream's version before it. */
  private journal: [string, number, string, number | undefined][] = [];

  headOf(stream: string): number | undefined {
    return this.heads.get(stream);
  }

  /** A row committed by this process or another, read back: nothing to take back. */
  learn(position: number, id: string, stream: string, version: number): void {
    this.ids.add(id, position);
    this.heads.set(stream, version);
    this.through = position;
  }

  /** A row written in the current transaction. */
  write(position: number, id: string, stream: string, version: number): void {
    this.journal.push([id, position, stream, this.heads.get(stream)]);
    this.learn(position, id, stream, version);
  }

  /** Where the journal stands: what `undo` returns to. */
  mark(): number {
    return this.journal.length;
  }

  /** Takes back every write after `mark`, latest first. */
  undo(mark: number): void {
    for (let i = this.journal.length - 1; i >= mark; i--) {
      const [id, position, stream, before] = this.journal[i]!;
      this.ids.remove(id, position);
      if (before === undefined) this.heads.delete(stream);
      else this.heads.set(stream, before);
      this.through = position - 1;
    }
    this.journal.length = mark;
  }

  /** The transaction committed: its writes stay. */
  settle(): void {
    this.journal = [];
  }
}
