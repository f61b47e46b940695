// The LLM port: an OpenAI-compatible chat model for the draft writer. Unused by the deterministic path.

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmCompletion {
  content: string;
  usage: { promptTokens: number; completionTokens: number };
  model: string;
}

export interface LlmPort {
  complete(messages: LlmMessage[], options: { temperature: number; maxTokens: number }): Promise<LlmCompletion>;
}
