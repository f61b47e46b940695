// The drive port (Google Drive in production): files under the allowlisted root folders.

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  /** Exactly the link Drive returned; never built by us. */
  webViewLink: string;
  modifiedTime: string;
  /** The allowlisted root folder this file was found under. */
  rootFolderId: string;
  /** Folder names from the root (exclusive) down to the file's parent, e.g. ['Proposals', '2026']. */
  folderPath: string[];
  description: string | null;
}

export interface DrivePort {
  /** Every non-trashed, non-folder file below these roots, recursively. */
  listFilesUnder(rootFolderIds: string[]): Promise<DriveFile[]>;
}
