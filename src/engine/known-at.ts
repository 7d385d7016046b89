import type { StoredEvent } from "../../events/envelope.ts";
import type { Vocabulary } from "../../projections/vocabulary.ts";
import { corrected, knownMs } from "./corrections.ts";
import type { RecordView } from "./record-view.ts";
import { keyBefore, type Key } from "./settling.ts";
import { validFrom, type Checkpoint } from "./timeline.ts";

/** What a query reads: one view of the record, now or as it stood at a transaction time. */
export interface Reading {
  stateAt(atMs: number): Checkpoint;
  /** Events in valid-time order whose valid time starts in (afterMs, untilMs]. */
  between(afterMs: number, untilMs: number): StoredEvent[];
  /** Provenance: an event as this reading shows it. */
  lookup(id: string): StoredEvent | undefined;
  correctionOf(id: string): StoredEvent | undefined;
  /** Each negotiation's parties and issues, as declared in the record this reading sees. */
  vocabularies(): Vocabulary[];
}

interface Placed {
  event: StoredEvent;
  from: number;
}

/**
 * A view as the record stood at `knownAt`. Before the first place that was not final
 * then, the live timeline is exact, so its checkpoints serve; from that place on, the
 * events known then (each corrected as far as was known) are gathered and folded on top.
 * A query costs a checkpoint plus the developments reported late around `knownAt`, not a
 * pass over the record.
 */
export class KnownAtReading implements Reading {
  private readonly knownAtMs: number;
  private readonly first: Key | undefined;
  /** Live timeline events before `first`: the same in this reading. */
  private readonly split: number;

  constructor(
    private readonly view: RecordView,
    knownAt: string,
  ) {
    this.knownAtMs = Date.parse(knownAt);
    this.first = view.settling.firstUnsettled(this.knownAtMs);
    this.split = this.first ? view.timeline.slot(this.first.from, this.first.position) : view.timeline.size;
  }

  stateAt(atMs: number): Checkpoint {
    const live = this.view.timeline.countUntil(atMs);
    return this.view.timeline.stateAfter(Math.min(live, this.split), this.after(atMs).map((p) => p.event));
  }

  between(afterMs: number, untilMs: number): StoredEvent[] {
    const t = this.view.timeline;
    const before = t.slice(0, Math.min(t.countUntil(untilMs), this.split)).map((event) => ({ event, from: validFrom(event) }));
    return [...before, ...this.after(untilMs)].filter((p) => p.from > afterMs).map((p) => p.event);
  }

  lookup = (id: string): StoredEvent | undefined => {
    const original = this.view.find(id);
    return original && this.view.amendments.has(id) ? this.versionOf(original) : original;
  };

  correctionOf(id: string): StoredEvent | undefined {
    const list = this.view.amendments.get(id) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (this.known(list[i]!)) return list[i];
    return undefined;
  }

  vocabularies(): Vocabulary[] {
    return this.view.vocabularies(this.knownAtMs);
  }

  private known(e: StoredEvent): boolean {
    return knownMs(e) <= this.knownAtMs;
  }

  /** How an event read at `knownAt`: its latest correction known by then, if any; nothing if unknown or retracted. */
  private versionOf(original: StoredEvent): StoredEvent | undefined {
    if (!this.known(original)) return undefined;
    return corrected(original, this.correctionOf(original.id));
  }

  /** The events of this reading at or after `first` whose valid time starts by `untilMs`, in order. */
  private after(untilMs: number): Placed[] {
    const first = this.first;
    if (!first || first.from > untilMs) return [];
    const t = this.view.timeline;
    const plain: Placed[] = [];
    for (const event of t.slice(this.split, t.countUntil(untilMs)))
      if (!this.view.amendments.has(event.id) && this.known(event)) plain.push({ event, from: validFrom(event) });
    const versions = this.correctedVersions(first, untilMs);
    return versions.length === 0 ? plain : merge(plain, versions);
  }

  private correctedVersions(first: Key, untilMs: number): Placed[] {
    const out: Placed[] = [];
    for (const id of this.view.amendments.keys()) {
      const original = this.view.find(id);
      const version = original && this.versionOf(original);
      if (!version) continue;
      const from = validFrom(version);
      if (from <= untilMs && !keyBefore(from, version.position, first.from, first.position)) out.push({ event: version, from });
    }
    return out.sort((a, b) => a.from - b.from || a.event.position - b.event.position);
  }
}

function merge(a: Placed[], b: Placed[]): Placed[] {
  const out: Placed[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j === b.length || (i < a.length && keyBefore(a[i]!.from, a[i]!.event.position, b[j]!.from, b[j]!.event.position));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out;
}
