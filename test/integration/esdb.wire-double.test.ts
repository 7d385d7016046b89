import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { EventStoreDbStore } from "../../src/store/eventstoredb/store.ts";
import { describeStoreContract } from "../support/store-contract.ts";
import { WireDouble } from "../support/esdb.wire-double.ts";

// The adapter and the real client against the wire-level gRPC test double (not EventStoreDB):
// every promise of the port that depends on what the adapter sends and reads, not on what a server decides.
let double: WireDouble;
beforeAll(async () => {
  double = await WireDouble.start();
});
afterAll(() => double.stop());

const connect = (namespace = `t-${randomUUID()}`) => EventStoreDbStore.connect(double.url, { namespace });
describeStoreContract("EventStoreDB adapter over the wire-level gRPC test double", {
  create: async () => connect(),
  reopen: async (store) => {
    const { namespace } = (store as EventStoreDbStore).options;
    await store.close();
    return connect(namespace);
  },
});
