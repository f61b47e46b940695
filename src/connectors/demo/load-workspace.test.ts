import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  loadWorkspace,
  parseWorkspace,
  parseWorkspaceText,
  type WorkspaceProblem,
} from './load-workspace.js';
import { EXAMPLE_WORKSPACE_PATH, minimalWorkspaceInput } from './test-workspace.js';

function problemsOf(input: unknown): WorkspaceProblem[] {
  const result = parseWorkspace(input);
  assert.equal(result.ok, false, 'expected the fixture to be refused');
  return result.ok ? [] : result.problems;
}

function hasProblem(problems: WorkspaceProblem[], path: string, reason: RegExp): boolean {
  return problems.some((p) => p.path === path && reason.test(p.reason));
}

/** A fixture with some sections replaced; loosely typed because most of these are meant to be wrong. */
function withPatch(patch: (input: Record<string, unknown>) => void): unknown {
  const input: Record<string, unknown> = { ...minimalWorkspaceInput() };
  patch(input);
  return input;
}

describe('loadWorkspace', () => {
  it('accepts the example workspace and applies the settings schema to it', async () => {
    const result = await loadWorkspace(EXAMPLE_WORKSPACE_PATH);
    assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems));
    const { settings, crm } = result.workspace;
    assert.equal(settings.seller.email, 'alex@northwind.example');
    assert.equal(settings.crm.gmailLabel, 'Sales Agent/Drafted');
    // A default the fixture does not spell out still comes from TenantSettingsSchema.
    assert.ok(settings.fieldMapping.email.includes('email'));
    assert.ok(crm.contacts.some((c) => c.emailOptOut));
  });

  it('reports a missing file as one problem, without a stack trace', async () => {
    const result = await loadWorkspace(join(tmpdir(), 'no-such-dir', 'workspace.json'));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]?.path, '(file)');
    assert.match(result.problems[0]?.reason ?? '', /cannot read .*workspace\.json: no such file/);
    assert.doesNotMatch(result.problems[0]?.reason ?? '', /\n\s+at /);
  });

  it('reports invalid JSON with its line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-ws-'));
    const path = join(dir, 'broken.json');
    await writeFile(path, '{\n  "name": "x",\n  "crm": { "contacts": [] }\n  "mail": {}\n}\n');
    const result = await loadWorkspace(path);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problems[0]?.path, '(json)');
    assert.match(result.problems[0]?.reason ?? '', /^invalid JSON at line 4, column 3: /);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const result = parseWorkspaceText(`\uFEFF${JSON.stringify(minimalWorkspaceInput())}`);
    assert.ok(result.ok);
  });
});

describe('parseWorkspace: shape problems', () => {
  it('refuses a value that is not an object', () => {
    const problems = problemsOf([1, 2]);
    assert.equal(problems[0]?.path, '(root)');
  });

  it('lists every problem at once, each with its path', () => {
    const problems = problemsOf(
      withPatch((input) => {
        input.crm = {
          contacts: [{ id: '1', email: 'not-an-email', createdAt: 'yesterday', lifecycleStage: 'Lead' }],
        };
        input.calendar = {
          timeZone: 'Mars/Olympus',
          weeklyBusy: [{ weekday: 8, start: '10:00', end: '09:00' }],
        };
        input.mail = { ourAddresses: [] };
      }),
    );
    assert.ok(hasProblem(problems, 'crm.contacts[0].email', /email address/), JSON.stringify(problems));
    assert.ok(hasProblem(problems, 'crm.contacts[0].createdAt', /ISO-8601/));
    assert.ok(hasProblem(problems, 'crm.contacts[0].lifecycleStage', /salesqualifiedlead/));
    assert.ok(hasProblem(problems, 'calendar.timeZone', /IANA/));
    assert.ok(hasProblem(problems, 'calendar.weeklyBusy[0].weekday', /1 \(Monday\) to 7/));
    assert.ok(hasProblem(problems, 'calendar.weeklyBusy[0].end', /start must be before end/));
    assert.ok(hasProblem(problems, 'mail.ourAddresses', /seller address/));
  });

  it('names a missing required field and an unknown (misspelt) field', () => {
    const input = withPatch((i) => {
      i.drive = {
        files: [
          {
            id: 'f1',
            name: 'Deck',
            mimeType: 'application/pdf',
            parentId: 'x',
            modifiedTime: '2026-01-01T00:00:00Z',
          },
        ],
      };
    });
    const raw = JSON.parse(JSON.stringify(input)) as { crm: Record<string, unknown> };
    raw.crm.contact = [];
    const problems = problemsOf(raw);
    assert.ok(hasProblem(problems, 'drive.files[0].webViewLink', /^required/), JSON.stringify(problems));
    assert.ok(hasProblem(problems, 'crm.contact', /unknown field/));
  });

  it('refuses a Drive folder listed as a file and a non-https link', () => {
    const problems = problemsOf(
      withPatch((input) => {
        input.drive = {
          folders: [{ id: 'root', name: 'Root', parentId: null }],
          files: [
            {
              id: 'f1',
              name: 'Sub',
              mimeType: 'application/vnd.google-apps.folder',
              parentId: 'root',
              webViewLink: 'https://drive.google.com/drive/folders/f1',
              modifiedTime: '2026-01-01T00:00:00Z',
            },
            {
              id: 'f2',
              name: 'Deck',
              mimeType: 'application/pdf',
              parentId: 'root',
              webViewLink: 'http://example.com/x',
              modifiedTime: '2026-01-01T00:00:00Z',
            },
          ],
        };
      }),
    );
    assert.ok(hasProblem(problems, 'drive.files[0].mimeType', /drive\.folders/));
    assert.ok(hasProblem(problems, 'drive.files[1].webViewLink', /https/));
  });
});

describe('parseWorkspace: cross-references', () => {
  it('finds dangling ids and duplicates across the CRM', () => {
    const contact = { email: 'a@x.example', createdAt: '2026-01-01T00:00:00Z' };
    const problems = problemsOf(
      withPatch((input) => {
        input.crm = {
          companies: [
            { id: 'c1', domain: 'x.example' },
            { id: 'c2', domain: 'X.example' },
          ],
          owners: [{ id: 'o1', email: 'alex@northwind.example' }],
          contacts: [
            { ...contact, id: '1', companyId: 'c9', ownerId: 'o1' },
            { ...contact, id: '2', email: 'A@X.example', ownerId: 'o7' },
          ],
        };
      }),
    );
    assert.ok(
      hasProblem(problems, 'crm.contacts[0].companyId', /no company with id "c9"/),
      JSON.stringify(problems),
    );
    assert.ok(hasProblem(problems, 'crm.contacts[1].ownerId', /no owner with id "o7"/));
    assert.ok(
      hasProblem(
        problems,
        'crm.contacts[1].email',
        /duplicate email "a@x\.example" \(first used at crm\.contacts\[0\]\)/,
      ),
    );
    assert.ok(hasProblem(problems, 'crm.companies[1].domain', /one company per domain/));
  });

  it('checks mail: unique message ids, known labels, order, and that we are in every message', () => {
    const message = {
      messageIdHeader: '<a@mail.example>',
      from: 'Jane <jane@acme.example>',
      to: ['alex@northwind.example'],
      body: 'hi',
    };
    const problems = problemsOf(
      withPatch((input) => {
        input.mail = {
          ourAddresses: ['alex@northwind.example'],
          labels: [{ id: 'INBOX', name: 'Inbox copy' }],
          threads: [
            {
              id: 't1',
              subject: 'Hello',
              labelIds: ['Label_404'],
              messages: [
                { ...message, id: 'm1', sentAt: '2026-11-20T10:00:00Z' },
                { ...message, id: 'm1', messageIdHeader: '<b@mail.example>', sentAt: '2026-11-19T10:00:00Z' },
                {
                  ...message,
                  id: 'm3',
                  messageIdHeader: '<c@mail.example>',
                  to: ['bob@acme.example'],
                  sentAt: '2026-11-21T10:00:00Z',
                },
              ],
            },
          ],
        };
      }),
    );
    const at = (suffix: string): string => `mail.threads[0].${suffix}`;
    assert.ok(
      hasProblem(problems, at('labelIds[0]'), /unknown label id "Label_404"/),
      JSON.stringify(problems),
    );
    assert.ok(hasProblem(problems, at('messages[1].id'), /duplicate message id "m1"/));
    assert.ok(hasProblem(problems, at('messages[1].sentAt'), /oldest first/));
    assert.ok(hasProblem(problems, at('messages[2].from'), /ourAddresses/));
    assert.ok(hasProblem(problems, 'mail.labels[0].id', /system label/));
  });

  it('checks Drive parents and the allowlist rules against the folders', () => {
    const file = {
      mimeType: 'application/pdf',
      webViewLink: 'https://drive.google.com/file/d/f/view',
      modifiedTime: '2026-01-01T00:00:00Z',
    };
    const problems = problemsOf(
      withPatch((input) => {
        input.settings = {
          seller: { email: 'alex@northwind.example' },
          drive: {
            folders: [
              { folderId: 'root', name: 'Sales', include: ['Case Study'], exclude: ['Drafts'] },
              { folderId: 'gone' },
            ],
          },
        };
        input.drive = {
          folders: [
            { id: 'root', name: 'Sales', parentId: null },
            { id: 'cases', name: 'Case Studies', parentId: 'root' },
            { id: 'drafts', name: 'Drafts', parentId: 'root' },
            { id: 'loop-a', name: 'A', parentId: 'loop-b' },
            { id: 'loop-b', name: 'B', parentId: 'loop-a' },
          ],
          files: [
            { ...file, id: 'f1', name: 'One', parentId: 'nowhere' },
            { ...file, id: 'cases', name: 'Clash', parentId: 'root' },
          ],
        };
      }),
    );
    assert.ok(
      hasProblem(problems, 'drive.files[0].parentId', /no folder with id "nowhere"/),
      JSON.stringify(problems),
    );
    assert.ok(hasProblem(problems, 'drive.files[1].id', /duplicate Drive id "cases"/));
    assert.ok(hasProblem(problems, 'drive.folders[3].parentId', /own ancestor/));
    assert.ok(
      hasProblem(problems, 'settings.drive.folders[0].include[0]', /no folder "Case Study" below "Sales"/),
    );
    assert.ok(!problems.some((p) => p.path.startsWith('settings.drive.folders[0].exclude')));
    assert.ok(hasProblem(problems, 'settings.drive.folders[1].folderId', /no folder with id "gone"/));
  });

  it('requires the seller address among our addresses', () => {
    const problems = problemsOf(
      withPatch((input) => (input.mail = { ourAddresses: ['someone@northwind.example'] })),
    );
    assert.ok(hasProblem(problems, 'mail.ourAddresses', /settings\.seller\.email/));
  });

  it('still checks the references of valid sections when another section is broken', () => {
    const problems = problemsOf(
      withPatch((input) => {
        input.calendar = { timeZone: 'Nowhere/Else' };
        input.crm = {
          contacts: [{ id: '1', email: 'a@x.example', companyId: 'c404', createdAt: '2026-01-01T00:00:00Z' }],
        };
      }),
    );
    assert.ok(hasProblem(problems, 'calendar.timeZone', /IANA/));
    assert.ok(hasProblem(problems, 'crm.contacts[0].companyId', /c404/));
  });
});
