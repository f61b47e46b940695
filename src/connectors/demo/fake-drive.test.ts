import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { createDemoConnectors } from './index.js';
import { buildWorkspace, loadExampleWorkspace } from './test-workspace.js';

const clock = (): string => '2026-11-24T15:15:00.000Z';
const SALES = '1nWsC7qLrT0aZx4YbKe9MdPf2HgJuVw3S';
const PARTNER = '1pK9tNrW3mQz7LaXy2VbEd5SgHu8JcF4R';

function file(id: string, parentId: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `File ${id}`,
    mimeType: 'application/pdf',
    parentId,
    webViewLink: `https://drive.google.com/file/d/${id}/view`,
    modifiedTime: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

describe('FakeDrive.listFilesUnder', () => {
  it('lists files at every depth with their root and the folder names between root and parent', async () => {
    const workspace = buildWorkspace((input) => {
      input.drive = {
        folders: [
          { id: 'root', name: 'Sales', parentId: null },
          { id: 'a', name: 'Proposals', parentId: 'root' },
          { id: 'b', name: '2026', parentId: 'a' },
          { id: 'other', name: 'HR', parentId: null },
        ],
        files: [file('top', 'root'), file('deep', 'b'), file('hr', 'other')],
      };
    });
    const { drive } = createDemoConnectors(workspace, { clock });
    const files = await drive.listFilesUnder(['root']);
    assert.deepEqual(
      files.map((f) => [f.id, f.rootFolderId, f.folderPath]),
      [
        ['top', 'root', []],
        ['deep', 'root', ['Proposals', '2026']],
      ],
    );
    assert.equal(
      files[1]?.webViewLink,
      'https://drive.google.com/file/d/deep/view',
      'the link is exactly the stored one',
    );
  });

  it('leaves out trashed files and everything outside the roots', async () => {
    const { drive } = createDemoConnectors(await loadExampleWorkspace(), { clock });
    const files = await drive.listFilesUnder([SALES, PARTNER]);
    const names = files.map((f) => f.name);
    assert.ok(!names.includes('Product Overview 2025 (old)'), 'trashed');
    assert.ok(!names.includes('Compensation Bands 2027'), 'under a root nobody asked for');
    // The fake lists what Drive holds; excluded folders are still listed (the allowlist is not its job).
    const confidential = files.find((f) => f.name === 'Helix Health - Pilot Pricing Notes');
    assert.deepEqual(confidential?.folderPath, ['Case Studies', 'Confidential']);
    const guide = files.find((f) => f.name === 'HubSpot and Salesforce Integration Guide.pdf');
    assert.equal(guide?.rootFolderId, PARTNER);
    assert.deepEqual(guide?.folderPath, ['Integrations']);
    assert.equal(files.length, 12);
  });

  it('reports a file once when the roots are nested', async () => {
    const workspace = buildWorkspace((input) => {
      input.drive = {
        folders: [
          { id: 'root', name: 'Sales', parentId: null },
          { id: 'sub', name: 'Sub', parentId: 'root' },
        ],
        files: [file('f', 'sub')],
      };
    });
    const { drive } = createDemoConnectors(workspace, { clock });
    const files = await drive.listFilesUnder(['sub', 'root']);
    assert.deepEqual(
      files.map((f) => [f.id, f.rootFolderId, f.folderPath]),
      [['f', 'sub', []]],
    );
  });

  it('names an unknown root folder', async () => {
    const { drive } = createDemoConnectors(await loadExampleWorkspace(), { clock });
    await assert.rejects(
      drive.listFilesUnder([SALES, 'missing-folder']),
      (e: unknown) => e instanceof AppError && e.code === 'not-found' && e.message.includes('missing-folder'),
    );
  });
});
