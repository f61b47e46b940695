import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DriveFile } from '../ports/drive.js';
import type { DriveFolderRule } from '../settings.js';
import { filterEligibleFiles } from './filter-eligible-files.js';

function file(id: string, folderPath: string[], over: Partial<DriveFile> = {}): DriveFile {
  return {
    id,
    name: `${id}.pdf`,
    mimeType: 'application/pdf',
    webViewLink: `https://drive.google.com/file/d/${id}/view`,
    modifiedTime: '2026-10-01T00:00:00Z',
    rootFolderId: 'sales',
    folderPath,
    description: null,
    ...over,
  };
}

function rule(over: Partial<DriveFolderRule> = {}): DriveFolderRule {
  return { folderId: 'sales', name: 'Sales', include: [], exclude: [], ...over };
}

function eligibleIds(files: DriveFile[], rules: DriveFolderRule[]): string[] {
  return filterEligibleFiles(files, rules).eligible.map((f) => f.id);
}

describe('filterEligibleFiles', () => {
  it('refuses files outside every allowlisted root', () => {
    const result = filterEligibleFiles([file('a', [], { rootFolderId: 'hr' })], [rule()]);
    assert.deepEqual(result.eligible, []);
    assert.equal(result.rejected[0]?.reason, 'not under an allowlisted Drive folder');
  });

  it('admits everything below a root with no include list', () => {
    assert.deepEqual(eligibleIds([file('a', []), file('b', ['Deep', 'Folder'])], [rule()]), ['a', 'b']);
  });

  it('matches include as a case-insensitive prefix of the joined folder path', () => {
    const files = [
      file('a', ['Proposals', '2026']),
      file('b', ['proposals 2026']),
      file('c', ['Contracts']),
      file('d', []),
      file('e', ['Client Reports']),
    ];
    assert.deepEqual(eligibleIds(files, [rule({ include: ['Proposals', 'Client Reports/'] })]), [
      'a',
      'b',
      'e',
    ]);
  });

  it('lets exclude win over include, checked at every level and on the file name', () => {
    const files = [
      file('a', ['Case Studies', 'Closed Deals']),
      file('b', ['Case Studies', 'Published']),
      file('c', ['Case Studies', 'Published', 'Closed 2025']),
      file('d', ['Case Studies'], { name: 'Closed won summary.pdf' }),
    ];
    const rules = [rule({ include: ['Case Studies'], exclude: ['Closed'] })];
    assert.deepEqual(eligibleIds(files, rules), ['b']);
    const rejected = filterEligibleFiles(files, rules).rejected.map((r) => r.reason);
    assert.deepEqual(rejected, Array(3).fill('inside the excluded path "closed"'));
  });

  it('matches a multi-level exclude anywhere in the path', () => {
    const files = [
      file('a', ['Case Studies', 'Closed Deals']),
      file('b', ['Archive', 'Case Studies', 'Closed']),
      file('c', ['Closed']),
    ];
    assert.deepEqual(eligibleIds(files, [rule({ exclude: ['Case Studies / Closed'] })]), ['c']);
  });

  it('refuses files without an http(s) link', () => {
    const files = [
      file('a', [], { webViewLink: '' }),
      file('b', [], { webViewLink: 'javascript:alert(1)' }),
      file('c', [], { webViewLink: 'http://drive.example/c' }),
    ];
    assert.deepEqual(eligibleIds(files, [rule()]), ['c']);
  });

  it('merges several rules for one root', () => {
    const files = [file('a', ['Proposals']), file('b', ['Reports']), file('c', ['Reports', 'Internal'])];
    const rules = [
      rule({ include: ['Proposals'] }),
      rule({ include: ['Reports'], exclude: ['Reports/Internal'] }),
    ];
    assert.deepEqual(eligibleIds(files, rules), ['a', 'b']);
  });
});
