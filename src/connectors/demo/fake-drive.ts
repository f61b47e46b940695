// An in-memory Google Drive behind the drive port, seeded from the demo workspace: a folder tree
// and its files. It lists what Drive would list; the allowlist rules are not its business.
import { AppError } from '../../domain/errors.js';
import type { DriveFile, DrivePort } from '../../domain/ports/drive.js';
import type { FakeContext } from './fake-context.js';
import type { FixtureFile, FixtureFolder, Workspace } from './workspace-schema.js';
import { cloneRecord } from './clone-record.js';

export class FakeDrive implements DrivePort {
  readonly #folders: FixtureFolder[];
  readonly #files: FixtureFile[];

  constructor(
    drive: Workspace['drive'],
    private readonly ctx: FakeContext,
  ) {
    this.#folders = cloneRecord(drive.folders);
    this.#files = cloneRecord(drive.files);
  }

  /**
   * Every non-trashed file below the roots, at any depth, ordered by folder path then name.
   * A file below two of the roots (nested roots) is reported once, under the first root given.
   */
  listFilesUnder(rootFolderIds: string[]): Promise<DriveFile[]> {
    return this.ctx.run('drive', 'listFilesUnder', () => {
      const seen = new Set<string>();
      const out: DriveFile[] = [];
      for (const rootId of rootFolderIds) {
        if (!this.#folders.some((f) => f.id === rootId))
          throw new AppError('not-found', `Drive folder ${rootId} not found`);
        for (const file of this.#listUnder(rootId)) {
          if (seen.has(file.id)) continue;
          seen.add(file.id);
          out.push(file);
        }
      }
      return out;
    });
  }

  #listUnder(rootId: string): DriveFile[] {
    const out: DriveFile[] = [];
    const walk = (folderId: string, path: string[]): void => {
      if (path.length > this.#folders.length) return; // a cyclic tree (the schema refuses one) must not hang
      const files = this.#files
        .filter((f) => f.parentId === folderId && !f.trashed)
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const file of files) out.push(toDriveFile(file, rootId, path));
      const children = this.#folders
        .filter((f) => f.parentId === folderId)
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) walk(child.id, [...path, child.name]);
    };
    walk(rootId, []);
    return out;
  }
}

function toDriveFile(file: FixtureFile, rootFolderId: string, folderPath: string[]): DriveFile {
  return {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    webViewLink: file.webViewLink,
    modifiedTime: file.modifiedTime,
    rootFolderId,
    folderPath,
    description: file.description,
  };
}
