// Drive's shapes to ours, pure: the folder query for a batch of parents (with Drive's string
// escaping) and a listed file to the port's DriveFile.
import type { DriveFile } from '../../domain/ports/drive.js';
import type { DriveApiFile } from './schemas.js';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';

/** Drive q strings are single-quoted; `\` and `'` are escaped with a backslash (4.1). */
export function quoteDriveString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildChildrenQuery(folderIds: readonly string[]): string {
  const parents = folderIds.map((id) => `${quoteDriveString(id)} in parents`).join(' or ');
  return folderIds.length > 1 ? `(${parents}) and trashed = false` : `${parents} and trashed = false`;
}

export function mapDriveFile(file: DriveApiFile, rootFolderId: string, folderPath: string[]): DriveFile | null {
  // No link means no way to share it; the port promises Drive's own link, never one we build.
  if (file.webViewLink === undefined) return null;
  return {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    webViewLink: file.webViewLink,
    modifiedTime: file.modifiedTime,
    rootFolderId,
    folderPath,
    description: file.description ?? null,
  };
}
