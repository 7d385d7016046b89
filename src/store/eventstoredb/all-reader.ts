import { START, type AllStreamRecordedEvent, type EventStoreDBClient, type Position } from "@eventstore/db-client";
import { comparePositions } from "./position.ts";

const PAGE = 1000;

/**
 * Every record of `$all` after `from` (exclusive), in order, a page at a time: system and
 * foreign events included, for the caller to sort out. A read from a position includes the
 * record at that position, so it is dropped here; paging resumes from the last record read.
 */
export async function* pagesAfter(client: EventStoreDBClient, from: Position | typeof START, pageSize = PAGE): AsyncIterable<AllStreamRecordedEvent[]> {
  let cursor = from;
  for (;;) {
    const page: AllStreamRecordedEvent[] = [];
    let read = 0;
    for await (const resolved of client.readAll({ fromPosition: cursor, maxCount: pageSize })) {
      read++;
      const record = resolved.event;
      if (record && (cursor === START || comparePositions(record.position, cursor) > 0)) page.push(record);
    }
    if (read < pageSize) {
      if (page.length) yield page;
      return;
    }
    if (page.length === 0) throw new Error("$all read made no progress: a full page held no record after the cursor");
    yield page;
    cursor = page[page.length - 1]!.position;
  }
}
