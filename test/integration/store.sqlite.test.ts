import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteEventStore } from "../../src/store/sqlite.ts";
import type { EventStore } from "../../src/store/port.ts";
import { describeStoreContract } from "../support/store-contract.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "parley-sqlite-")), "parley.db");

describeStoreContract("sqlite", {
  create: async () => new SqliteEventStore(freshPath()),
  reopen: async (store: EventStore) => {
    const path = (store as SqliteEventStore).path;
    await store.close();
    return new SqliteEventStore(path);
  },
});
