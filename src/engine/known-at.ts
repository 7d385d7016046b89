import type { StoredEvent } from "../../events/envelope.ts";
import type { Vocabulary } from "../../projections/vocabulary.ts";
import { corrected, knownMs } from "./corrections.ts";
import { keyBefore, type Place } from "./finality.ts";
import type { Reading } from "./reading.ts";
import type { RecordView } from "./record-view.ts";
import { validFrom, type Snapshot } from "./timeline.ts";

/** An event with its valid start, as the merge of live and re-folded events orders them. */
interface Dated {
  event: StoredEvent;
  from: number;
}

/**
 * A view as the record stood at `knownAt`. Before the first place that was not final
 * then, the live timeline is exact, so its snapshots serve; from that place on, the
 * events known then (each corrected as far as was known) are gathered and folded on top.
 * A query costs a snapshot plus the developments reported late around `knownAt`, not a
 * pass over the record.
 */
export class KnownAtReading implements Reading {
  private readonly knownAtMs: number;
  private readonly first: Place | undefined;
  /** Live timeline events before `first`: the same in this reading. */
  private readonly split: number;

  constructor(
    private readonly view: RecordView,
    knownAt: string,
  ) {
    this.knownAtMs = Date.parse(knownAt);
    this.first = view.finality.firstOpen(this.knownAtMs);
    this.split = this.first ? view.timeline.slot(this.first.from, this.first.position) : view.timeline.size;
  }

  snapshotAt(atMs: number): Snapshot {
    const live = this.view.timeline.countUntil(atMs);
    return this.view.timeline.snapshotAfter(
      Math.min(live, this.split),
      this.after(atMs).map((p) => p.event),
    );
  }

  between(afterMs: number, untilMs: number): StoredEvent[] {
    const t = this.view.timeline;
    const before = t.slice(0, Math.min(t.countUntil(untilMs), this.split)).map((event) => ({ event, from: validFrom(event) }));
    return [...before, ...this.after(untilMs)].filter((p) => p.from > afterMs).map((p) => p.event);
  }

  lookup = (id: string): StoredEvent | undefined => {
    const original = this.view.find(id);
    return original && this.view.corrections.has(id) ? this.versionOf(original) : original;
  };

  correctionOf(id: string): StoredEvent | undefined {
    const list = this.view.corrections.get(id) ?? [];
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
  private after(untilMs: number): Dated[] {
    const first = this.first;
    if (!first || first.from > untilMs) return [];
    const t = this.view.timeline;
    const plain: Dated[] = [];
    for (const event of t.slice(this.split, t.countUntil(untilMs))) if (!this.view.corrections.has(event.id) && this.known(event)) plain.push({ event, from: validFrom(event) });
    const versions = this.correctedVersions(first, untilMs);
    return versions.length === 0 ? plain : merge(plain, versions);
  }

  private correctedVersions(first: Place, untilMs: number): Dated[] {
    const out: Dated[] = [];
    for (const id of this.view.corrections.keys()) {
      const original = this.view.find(id);
      const version = original && this.versionOf(original);
      if (!version) continue;
      const from = validFrom(version);
      if (from <= untilMs && !keyBefore(from, version.position, first.from, first.position)) out.push({ event: version, from });
    }
    return out.sort((a, b) => a.from - b.from || a.event.position - b.event.position);
  }
}

function merge(a: Dated[], b: Dated[]): Dated[] {
  const out: Dated[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j === b.length || (i < a.length && keyBefore(a[i]!.from, a[i]!.event.position, b[j]!.from, b[j]!.event.position));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out;
}
