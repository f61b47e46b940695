// The drive port on Google Drive: every non-trashed, non-folder file below the allowlisted roots,
// breadth first. Folders are asked about in batches (one `or` query per batch, so a wide tree
// costs few calls); a folder reached twice (a cycle, or a root inside another root) is
// read once; shortcuts are skipped, never followed, so nothing outside the roots leaks in.
import { PermanentError } from '../../domain/errors.js';
import type { DriveFile, DrivePort } from '../../domain/ports/drive.js';
import { createGoogleCallRunner, type GoogleAuthClient, type RateLimiter } from '../google-auth/index.js';
import { createDriveClient, type DriveClient } from './client.js';
import { buildChildrenQuery, FOLDER_MIME, mapDriveFile, SHORTCUT_MIME } from './mapping.js';

export interface DriveFilesOptions {
  auth: GoogleAuthClient;
  rootUrl?: string;
  limiter: RateLimiter;
  tenantId: string;
  timeoutMs?: number;
  /** Refuse to list more than this many files (default 5,000): a misconfigured root is not a crawl. */
  maxFiles?: number;
  /** Folders per files.list query (default 10). */
  foldersPerQuery?: number;
}

interface PendingFolder {
  id: string;
  rootFolderId: string;
  path: string[];
}

export function createDriveFiles(options: DriveFilesOptions): DrivePort {
  const runner = createGoogleCallRunner({ system: 'Drive', limiter: options.limiter, limiterKey: `drive:${options.tenantId}`, tenantId: options.tenantId });
  const client = createDriveClient({ ...options, runner, timeoutMs: options.timeoutMs ?? 30_000 });
  const limits = { maxFiles: options.maxFiles ?? 5_000, batch: Math.max(1, options.foldersPerQuery ?? 10) };
  return { listFilesUnder: (rootIds) => listFilesUnder(client, rootIds, limits) };
}

async function listFilesUnder(client: DriveClient, rootIds: string[], limits: { maxFiles: number; batch: number }): Promise<DriveFile[]> {
  const seen = new Set<string>();
  const files: DriveFile[] = [];
  let queue: PendingFolder[] = [];
  for (const id of rootIds) {
    if (!seen.has(id)) queue.push({ id, rootFolderId: id, path: [] });
    seen.add(id);
  }
  while (queue.length > 0) {
    const batch = queue.slice(0, limits.batch);
    queue = queue.slice(limits.batch);
    const byId = new Map(batch.map((f) => [f.id, f]));
    for (const child of await listChildren(client, batch)) {
      const parent = child.parents.map((p) => byId.get(p)).find((p) => p !== undefined);
      if (parent === undefined || seen.has(child.id) || child.mimeType === SHORTCUT_MIME) continue;
      seen.add(child.id);
      if (child.mimeType === FOLDER_MIME) {
        queue.push({ id: child.id, rootFolderId: parent.rootFolderId, path: [...parent.path, child.name] });
        continue;
      }
      const file = mapDriveFile(child, parent.rootFolderId, parent.path);
      if (file !== null) files.push(file);
      if (files.length > limits.maxFiles) {
        throw new PermanentError(
          `Drive files.list under ${rootIds.join(', ')}: more than ${limits.maxFiles} files; narrow the allowlisted folders`,
          { details: { rootIds, maxFiles: limits.maxFiles } },
        );
      }
    }
  }
  return files;
}

async function listChildren(client: DriveClient, batch: PendingFolder[]) {
  const q = buildChildrenQuery(batch.map((f) => f.id));
  const what = `folders ${batch.map((f) => f.id).join(', ')}`;
  const out = [];
  let pageToken: string | undefined;
  do {
    const page = await client.listFiles(q, pageToken, what);
    out.push(...page.files);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return out;
}
