// Contract tests of the Drive adapter against the fake Drive: recursion with folderPath, paging,
// the `fields` it asks for, shared drives, cycles and shortcuts, the size bound and errors.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { DrivePort } from '../../domain/ports/drive.js';
import { createFakeGoogleAuth, createRecordingLimiter } from '../../../test/fake-servers/google/fake-google-auth.js';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-servers/google/start-fake-google.js';
import { buildChildrenQuery } from './mapping.js';
import { createDriveFiles } from './index.js';

describe('Drive adapter: listFilesUnder', () => {
  let fake: FakeGoogle;
  let drive: DrivePort;
  const fakes: FakeGoogle[] = [];

  beforeEach(async () => {
    fake = await startFakeGoogle({ pageSizeCap: 2 });
    fakes.push(fake);
    drive = createDriveFiles({ auth: createFakeGoogleAuth(fake), rootUrl: fake.url, limiter: createRecordingLimiter(), tenantId: 't1' });
  });
  after(async () => {
    for (const f of fakes) await f.close();
  });

  it('walks the tree below each root, building folderPath from folder names', async () => {
    fake.seed.folder({ id: 'root', name: 'Sales', parents: ['my-drive'] });
    fake.seed.folder({ id: 'props', name: 'Proposals', parents: ['root'] });
    fake.seed.folder({ id: 'y2026', name: '2026', parents: ['props'] });
    fake.seed.file({ id: 'f-top', name: 'Deck', parents: ['root'], mimeType: 'application/vnd.google-apps.presentation', description: 'Main deck' });
    fake.seed.file({ id: 'f-deep', name: 'Acme proposal', parents: ['y2026'] });
    fake.seed.file({ id: 'f-mid', name: 'Template', parents: ['props'] });
    fake.seed.file({ id: 'f-trash', name: 'Old', parents: ['props'], trashed: true });
    fake.seed.file({ id: 'f-outside', name: 'Private', parents: ['my-drive'] });
    const files = await drive.listFilesUnder(['root']);
    const byId = new Map(files.map((f) => [f.id, f]));
    assert.deepEqual([...byId.keys()].sort(), ['f-deep', 'f-mid', 'f-top']);
    assert.deepEqual(byId.get('f-deep')!.folderPath, ['Proposals', '2026']);
    assert.deepEqual(byId.get('f-top')!.folderPath, []);
    assert.equal(byId.get('f-top')!.description, 'Main deck');
    assert.equal(byId.get('f-top')!.webViewLink, fake.state.files.get('f-top')!.webViewLink);
    assert.equal(byId.get('f-mid')!.rootFolderId, 'root');
    const call = fake.calls.find((c) => c.path === '/drive/v3/files')!;
    assert.equal(call.query.get('fields'), 'nextPageToken, files(id,name,mimeType,webViewLink,modifiedTime,description,parents)');
    assert.equal(call.query.get('supportsAllDrives'), 'true');
    assert.equal(call.query.get('includeItemsFromAllDrives'), 'true');
    assert.equal(call.query.get('q'), "'root' in parents and trashed = false");
  });

  it('pages through a folder with more files than one page holds', async () => {
    fake.seed.folder({ id: 'root', name: 'Sales', parents: [] });
    for (let i = 0; i < 5; i += 1) fake.seed.file({ id: `f-${i}`, name: `File ${i}`, parents: ['root'] });
    assert.equal((await drive.listFilesUnder(['root'])).length, 5);
    const calls = fake.calls.filter((c) => c.path === '/drive/v3/files');
    assert.equal(calls.length, 3);
    assert.ok(calls.slice(1).every((c) => c.query.has('pageToken')));
  });

  it('includes shared-drive items, skips shortcuts and survives a folder cycle', async () => {
    fake.seed.folder({ id: 'root', name: 'Sales', parents: [], driveId: 'shared-1' });
    fake.seed.folder({ id: 'a', name: 'A', parents: ['root', 'b'], driveId: 'shared-1' });
    fake.seed.folder({ id: 'b', name: 'B', parents: ['a'], driveId: 'shared-1' });
    fake.seed.file({ id: 'f-b', name: 'In B', parents: ['b'], driveId: 'shared-1' });
    fake.seed.file({ id: 'f-short', name: 'Link', parents: ['a'], shortcutTo: { id: 'elsewhere', mimeType: 'application/pdf' } });
    const files = await drive.listFilesUnder(['root']);
    assert.deepEqual(files.map((f) => [f.id, f.folderPath]), [['f-b', ['A', 'B']]]);
  });

  it('refuses a tree larger than the bound with a clear error', async () => {
    const small = createDriveFiles({ auth: createFakeGoogleAuth(fake, 'rt-2'), rootUrl: fake.url, limiter: createRecordingLimiter(), tenantId: 't1', maxFiles: 3 });
    fake.seed.folder({ id: 'root', name: 'Sales', parents: [] });
    for (let i = 0; i < 5; i += 1) fake.seed.file({ id: `f-${i}`, name: `File ${i}`, parents: ['root'] });
    await assert.rejects(small.listFilesUnder(['root']), (error: Error) => {
      assert.equal(error.name, 'PermanentError');
      assert.match(error.message, /more than 3 files/);
      return true;
    });
  });

  it('classifies 403 userRateLimitExceeded as rate limited and 500 as transient', async () => {
    fake.seed.folder({ id: 'root', name: 'Sales', parents: [] });
    fake.faults.failNext('/drive/v3/files', {
      status: 403,
      body: { error: { code: 403, message: 'User Rate Limit Exceeded', errors: [{ message: 'User Rate Limit Exceeded', domain: 'usageLimits', reason: 'userRateLimitExceeded' }] } },
    });
    await assert.rejects(drive.listFilesUnder(['root']), { name: 'RateLimitedError' });
    fake.faults.failNext('/drive/v3/files', { status: 500, body: { error: { code: 500, message: 'Internal Error', errors: [{ reason: 'internalError' }] } } });
    await assert.rejects(drive.listFilesUnder(['root']), { name: 'TransientError' });
  });
});

describe('buildChildrenQuery', () => {
  it('escapes quotes and backslashes and batches parents with or', () => {
    assert.equal(buildChildrenQuery(["it's\\x"]), "'it\\'s\\\\x' in parents and trashed = false");
    assert.equal(buildChildrenQuery(['a', 'b']), "('a' in parents or 'b' in parents) and trashed = false");
  });
});
