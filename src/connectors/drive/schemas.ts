// Zod shapes for the Drive files.list fields we ask for (and only those: `fields` decides what
// Drive returns, api-contracts.md 4.1).
import { z } from 'zod';

export const DRIVE_LIST_FIELDS = 'nextPageToken, files(id,name,mimeType,webViewLink,modifiedTime,description,parents)';

export const DriveApiFile = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  webViewLink: z.string().optional(),
  modifiedTime: z.string(),
  description: z.string().optional(),
  parents: z.array(z.string()).default([]),
});
export type DriveApiFile = z.infer<typeof DriveApiFile>;

export const DriveFileList = z.object({
  files: z.array(DriveApiFile).default([]),
  nextPageToken: z.string().optional(),
});
export type DriveFileList = z.infer<typeof DriveFileList>;
