import { createMemoryStore } from "../src/store/memory-store";
import { describeStoreContract } from "../src/testing";

describeStoreContract("memory", async () => ({ store: createMemoryStore(), close: async () => {} }));
