/** Where the global setup (shared-fixtures.ts) tells test processes what it built once. */
export const KNOWLEDGE_ARTIFACT_ENV = 'MUJIB_TEST_KNOWLEDGE_ARTIFACT';
export const WEB_BUILT_ENV = 'MUJIB_TEST_WEB_BUILT';
