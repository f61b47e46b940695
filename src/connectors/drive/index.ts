// The Google Drive connector: the drive port on the Drive API. The factory is the only export.
export { createDriveFiles } from './create-drive-files.js';
export type { DriveFilesOptions } from './create-drive-files.js';
