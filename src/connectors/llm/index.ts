// The LLM connector: an OpenAI-compatible chat model behind the LlmPort. The factory is the entry point.
export { createOpenAiLlm } from './create-openai-llm.js';
export type { OpenAiLlm, OpenAiLlmOptions } from './create-openai-llm.js';
export { classifyOpenAiError, retryAfterOf } from './classify-openai-error.js';
