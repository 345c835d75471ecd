/**
 * `@voronka/engine/testing`: builders for test data and the store contract suite.
 */
export { describeStoreContract, type StoreUnderTest } from "./store-contract";
export { fakeClock, sequentialIds, stage, pipeline, testBlueprint, withStage, testEngine, type FakeClock } from "./builders";
