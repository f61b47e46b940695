// The whole form-lead workflow through the live adapters (`sales-agent run --live --memory`) against
// the fake HubSpot, Google and OpenAI servers seeded from the demo workspace; asserted from the
// fakes' call logs, and compared with the same lead run on the demo connectors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../src/cli/commands/run-command.js';
import type { RunReport } from '../../src/cli/run-report.js';
import { loadExampleWorkspace } from '../../src/connectors/demo/test-workspace.js';
import type { Workspace } from '../../src/connectors/demo/workspace-schema.js';
import { startLiveFakes, type LiveFakes } from './live-fakes.js';

const LEAD = 'examples/leads/existing-contact-open-question.json';
const THREAD_ID = '18c8b1e4a7f05d92';
const MODEL_BODY = [
  'Hi Priya,',
  '',
  'Yes to both: we support SSO over SAML with Okta, and we sign a BAA for HIPAA on the Enterprise plan.',
  '',
  'Would a short call help before your pilot decision?',
  '',
  'Best,',
  'Alex',
].join('\n');

async function run(options: { live: boolean }, env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = await runCommand(LEAD, { json: true, memory: true, live: options.live }, io, env);
  return { code, stderr, report: stdout === '' ? null : (JSON.parse(stdout) as RunReport) };
}

function decodeRaw(raw: string): { headers: Map<string, string>; body: string } {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [head = '', ...rest] = text.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  const encoded = rest.join('\n\n');
  const body = headers.get('content-transfer-encoding') === 'base64' ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8') : encoded;
  return { headers, body };
}

describe('sales-agent run --live against the fake servers', () => {
  let fakes: LiveFakes;
  let workspace: Workspace;
  let live: Awaited<ReturnType<typeof run>>;

  before(async () => {
    workspace = await loadExampleWorkspace();
    fakes = await startLiveFakes(workspace);
    fakes.openai.respond = () => ({ content: JSON.stringify({ subject: 'SSO and HIPAA', body: MODEL_BODY }) });
    live = await run({ live: true }, fakes.env);
  });
  after(() => fakes.close());

  it('succeeds and reports every system as live', () => {
    assert.equal(live.code, 0, live.stderr);
    assert.equal(live.report?.status, 'succeeded', JSON.stringify(live.report?.error));
    const systems = live.report.systems;
    assert.match(systems.crm, /^live \(HubSpot at http:\/\/127\.0\.0\.1/);
    for (const system of ['mail', 'drive', 'calendar'] as const) assert.match(systems[system], /^live \(.*OAuth/);
    assert.match(systems.llm, /^live \(gpt-4o-mini at http:\/\/127\.0\.0\.1/);
  });

  it('saves one Gmail draft in the prospect\'s thread, with In-Reply-To and References', () => {
    const creates = fakes.google.calls.filter((c) => c.method === 'POST' && c.path === '/gmail/v1/users/me/drafts');
    assert.equal(creates.length, 1, 'one draft');
    const message = (creates[0]!.body as { message: { raw: string; threadId: string } }).message;
    assert.equal(message.threadId, THREAD_ID);
    const thread = workspace.mail.threads.find((t) => t.id === THREAD_ID)!;
    const ids = thread.messages.map((m) => m.messageIdHeader);
    const { headers, body } = decodeRaw(message.raw);
    assert.equal(headers.get('in-reply-to'), ids.at(-1));
    assert.deepEqual(headers.get('references')?.split(/\s+/), ids);
    assert.equal(headers.get('subject'), `Re: ${thread.subject}`);
    assert.equal(headers.get('to'), 'priya@helixhealth.example');
    assert.equal(body.replace(/\r\n/g, '\n').trim(), MODEL_BODY, 'the model\'s draft, as written');
    const drafts = [...fakes.google.state.drafts.values()];
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0]!.threadingProblem, null, 'Gmail kept it in the thread');
  });

  it('creates one task due at hs_timestamp and one note, both on the contact (204 and 202)', () => {
    const posts = (type: string) => fakes.hubspot.calls.filter((c) => c.method === 'POST' && c.path === `/crm/v3/objects/${type}`);
    type Created = { properties: Record<string, string>; associations: { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[] };
    const tasks = posts('tasks');
    assert.equal(tasks.length, 1, 'one task');
    const task = tasks[0]!.body as Created;
    assert.equal(Date.parse(task.properties.hs_timestamp ?? ''), Date.parse(live.report?.task?.dueAt ?? ''));
    assert.equal(task.properties.hs_task_status, 'NOT_STARTED');
    assert.deepEqual(task.associations, [{ to: { id: '101' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] }]);
    const notes = posts('notes');
    assert.equal(notes.length, 1, 'one note');
    const note = notes[0]!.body as Created;
    assert.deepEqual(note.associations, [{ to: { id: '101' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }]);
    assert.ok(note.properties.hs_note_body?.includes(THREAD_ID));
  });

  it('applies the Sales Agent label to the thread', () => {
    const created = fakes.google.calls.filter((c) => c.method === 'POST' && c.path === '/gmail/v1/users/me/labels');
    assert.equal(created.length, 1);
    const label = [...fakes.google.state.labels.values()].find((l) => l.name === 'Sales Agent/Drafted');
    assert.ok(label, 'the label exists');
    const modify = fakes.google.calls.filter((c) => c.path === `/gmail/v1/users/me/threads/${THREAD_ID}/modify`);
    assert.equal(modify.length, 1);
    assert.deepEqual((modify[0]!.body as { addLabelIds: string[] }).addLabelIds, [label.id]);
  });

  it('asked the model once, and saved its draft as written', () => {
    assert.equal(fakes.openai.chatRequests().length, 1);
    assert.equal(live.report?.draft?.body, MODEL_BODY);
  });

  it('reaches the same understanding as the demo connectors: contact, thread, plan, slots, asset', async () => {
    const demo = await run({ live: false }, {});
    assert.equal(demo.code, 0, demo.stderr);
    const d = demo.report!;
    const l = live.report!;
    assert.equal(d.systems.crm, 'demo workspace');
    assert.equal(l.contact?.id, d.contact?.id);
    assert.equal(l.thread?.threadId, d.thread?.threadId);
    assert.equal(l.plan?.action, d.plan?.action);
    assert.deepEqual(l.slots.map((s) => s.label), d.slots.map((s) => s.label));
    assert.equal(l.asset?.chosen?.url, d.asset?.chosen?.url);
    assert.equal(l.task?.dueAt, d.task?.dueAt);
  });
});
