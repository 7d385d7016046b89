import { envelopeOf, type PendingEvent, type StoredEvent } from "../../events/envelope.ts";
import { checkChain, describeBreak } from "../store/chain.ts";
import { openStore } from "../store/open.ts";
import { DuplicateEventIdError, isTamperEvident, runsByStream, sameEvent, type EventStore } from "../store/port.ts";

export interface MigrationReport {
  /** Events read from the source. */
  read: number;
  /** Events appended to the target by this run. */
  copied: number;
  /** Events the target already held under the same id (an earlier run, or an overlap). */
  alreadyThere: number;
}

/** The envelope a writer sends, and the transaction time the source gave it, which the copy keeps. */
function pendingOf(e: StoredEvent): PendingEvent {
  return { ...envelopeOf(e), recordedAt: e.recordedAt } as PendingEvent;
}

/**
 * Copies every event from `from` to `to` in global order, ids, streams, valid times,
 * report dates, transaction times and sources preserved. Events the target already holds (same id, same
 * event) are skipped, so a second run, or a run resumed after a failure, copies nothing
 * twice; an id the target holds for a different event stops the copy.
 */
export async function migrate(from: EventStore, to: EventStore, onBatch?: (report: MigrationReport) => void): Promise<MigrationReport> {
  const report: MigrationReport = { read: 0, copied: 0, alreadyThere: 0 };
  for await (const batch of from.readAll()) {
    const fresh: PendingEvent[] = [];
    // Asked all at once: a store that must catch up before a lookup (EventStoreDB) does it once for the batch.
    const found = await Promise.all(batch.map((e) => to.findById(e.id)));
    for (const [i, event] of batch.entries()) {
      const pending = pendingOf(event);
      const there = found[i];
      if (there && !sameEvent(pending, there)) throw new DuplicateEventIdError(event.id, there.stream);
      if (there) report.alreadyThere++;
      else fresh.push(pending);
    }
    if (fresh.length) await to.appendMany(runsByStream(fresh));
    report.read += batch.length;
    report.copied += fresh.length;
    onBatch?.(report);
  }
  return report;
}

/** A record whose chain is broken is not copied: the copy would launder the edit into a fresh, valid chain. */
async function refuseBrokenChain(from: EventStore, locator: string): Promise<void> {
  if (!isTamperEvident(from)) return;
  const { broken } = await checkChain(from.links());
  if (broken) throw new Error(`${locator}: ${describeBreak(broken)}; nothing was copied (parley verify names it too)`);
}

/**
 * The target chains every copied event itself; copied into an empty target, its head hash
 * equals the source's, which the report says (or says why not).
 */
async function chainCarried(from: EventStore, to: EventStore): Promise<string> {
  if (!isTamperEvident(from) || !isTamperEvident(to)) return "";
  const [source, target] = [await from.headHash(), await to.headHash()];
  return source === target
    ? `; head hash ${target} on both`
    : `; the target's head hash ${target} differs from the source's ${source} (the target held other events, or events were lifted to a newer schema)`;
}

/** `parley migrate --from STORE --to STORE`: opens both stores, copies, and says what it did. */
export async function migrateCommand(fromLocator: string, toLocator: string, log: (line: string) => void = console.log): Promise<MigrationReport> {
  const from = await openStore(fromLocator);
  try {
    const to = await openStore(toLocator);
    try {
      await refuseBrokenChain(from, fromLocator);
      const report = await migrate(from, to);
      log(
        `migrated ${fromLocator} → ${toLocator}: read ${report.read} events, copied ${report.copied}, already there ${report.alreadyThere}; target head position ${await to.headPosition()}${await chainCarried(from, to)}`,
      );
      return report;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
