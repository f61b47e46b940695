import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRepairPrompt, parseDraftReply } from './llm-prompt.js';

describe('parsing the model\'s draft', () => {
  it('reads the JSON object, also inside a fence with chatter around it', () => {
    const text = 'Here you go:\n```json\n{"subject": "SSO", "body": "Hi Priya,\\r\\n\\nThanks.  \\n"}\n```';
    assert.deepEqual(parseDraftReply(text), { ok: true, subject: 'SSO', body: 'Hi Priya,\n\nThanks.' });
  });

  it('says what is wrong with an answer it cannot use', () => {
    assert.equal(parseDraftReply('Hi Priya, thanks').ok, false);
    const broken = parseDraftReply('{"subject": "x", "body": "line one\nline two"}');
    assert.ok(!broken.ok && broken.problems[0]?.includes('not valid JSON'));
    const missing = parseDraftReply('{"subject": "", "body": 3}');
    assert.ok(!missing.ok && missing.problems.length === 2);
  });

  it('asks for a repair after the model\'s own answer, listing every problem', () => {
    const messages = buildRepairPrompt([{ role: 'user', content: 'write' }], '{"subject":"a","body":"b"}', ['dash: no dashes', 'cta-count: one question']);
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.match(messages[2]!.content, /- dash: no dashes\n- cta-count: one question/);
  });
});
