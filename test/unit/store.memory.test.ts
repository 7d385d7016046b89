import { MemoryEventStore } from "../../src/store/memory.ts";
import { describeStoreContract } from "../support/store-contract.ts";

describeStoreContract("memory", { create: async () => new MemoryEventStore() });
