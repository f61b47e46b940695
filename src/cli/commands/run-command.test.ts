import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { RunReport } from '../run-report.js';
import { runCommand } from './run-command.js';

async function run(args: { lead: string; workspace?: string; json?: boolean; now?: string }) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(args.lead, { workspace: args.workspace, json: args.json, now: args.now }, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sales-agent-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('sales-agent run', () => {
  it('prints one JSON object with the documented fields', async () => {
    const { code, stdout } = await run({ lead: 'examples/leads/different-time-zone.json', json: true });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as RunReport;
    assert.equal(report.status, 'succeeded');
    assert.equal(report.steps.length, 13);
    for (const step of report.steps) {
      assert.deepEqual(Object.keys(step).slice(0, 4), ['id', 'status', 'attempts', 'durationMs']);
      assert.equal(step.status, 'succeeded');
    }
    assert.equal(report.lead?.email, 'lukas.becker@alpenmarkt.example');
    assert.ok(report.slots.length >= 2);
    for (const slot of report.slots) {
      assert.match(slot.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/, 'ISO with offset');
      assert.match(slot.end, /[+-]\d{2}:\d{2}$/);
    }
    assert.ok(report.asset?.chosen?.url.startsWith('https://'));
    assert.equal(report.plan?.action, 'answer-question');
    assert.equal(report.draft?.to, 'lukas.becker@alpenmarkt.example');
    assert.ok(report.draft?.subject && report.draft.body && report.draft.threadId === null);
    assert.match(report.task?.subject ?? '', /Lukas Becker/);
    assert.match(report.task?.dueAt ?? '', /^2026-11-27T/);
    assert.deepEqual(report.lint, []);
  });

  it('prints a readable report with the steps and the full draft', async () => {
    const { code, stdout } = await run({ lead: 'examples/leads/new-prospect.json' });
    assert.equal(code, 0);
    assert.match(stdout, /SUCCEEDED/);
    assert.match(stdout, /13 label-thread\s+succeeded/);
    assert.match(stdout, /Subject: /);
    assert.match(stdout, /Hi Nora,/);
    assert.match(stdout, /HubSpot task .* due Fri, Nov 27 2026, 9:00 AM EST/);
  });

  it('exits 0 with the reason for a lead that gets no action', async () => {
    const { code, stdout } = await run({ lead: 'examples/leads/unsubscribed-contact.json', json: true });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as RunReport;
    assert.equal(report.status, 'skipped');
    assert.equal(report.plan?.noActionCode, 'unsubscribed');
    assert.equal(report.draft, null);
  });

  it('honours --now and refuses one without a zone', async () => {
    const ok = await run({ lead: 'examples/leads/new-prospect.json', json: true, now: '2026-12-01T08:00:00-05:00' });
    const report = JSON.parse(ok.stdout) as RunReport;
    assert.ok(report.slots.every((s) => s.start >= '2026-12-01'));
    const bad = await run({ lead: 'examples/leads/new-prospect.json', now: '2026-12-01 08:00' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--now .* is not an ISO-8601 time with a zone/);
  });

  it('exits 2 with a clear message for each kind of bad input', async () => {
    const missing = await run({ lead: join(dir, 'nope.json') });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the lead file .*nope\.json: no such file/);

    const invalidJson = await run({ lead: file('broken.json', '{\n  "email": "a@b.co",\n  oops\n}') });
    assert.equal(invalidJson.code, 2);
    assert.match(invalidJson.stderr, /is not valid JSON: .* at line 3, column 3/);

    const invalidLead = await run({ lead: file('bad-lead.json', JSON.stringify({ email: 'jane@@acme', firstName: 'Jane' })) });
    assert.equal(invalidLead.code, 2);
    assert.match(invalidLead.stderr, /is not a valid lead:\n  email: not a valid address/);

    const badFixture = await run({ lead: 'examples/leads/new-prospect.json', workspace: file('ws.json', JSON.stringify({ name: 'x' })) });
    assert.equal(badFixture.code, 2);
    assert.match(badFixture.stderr, /the workspace .*ws\.json is invalid:\n/);
    assert.equal(badFixture.stdout, '');
  });

  it('works as the installed `sales-agent` command', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/sales-agent.js', 'run', 'examples/leads/new-prospect.json', '--json']);
    assert.equal((JSON.parse(stdout) as RunReport).status, 'succeeded');
    await assert.rejects(promisify(execFile)(process.execPath, ['bin/sales-agent.js', 'run', join(dir, 'nope.json')]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /no such file/);
      return true;
    });
  });
});
