// The fake OpenAI-compatible server for tests; see start-fake-openai.ts.
export { openAiErrors, startFakeOpenAi } from './start-fake-openai.js';
export type { ChatRequestBody, FakeOpenAi, FakeOpenAiCall, FakeOpenAiReply } from './start-fake-openai.js';
