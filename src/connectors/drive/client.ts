// One method per Drive endpoint we call (files.list), through the call runner and parsed with zod.
// gaxios' own retries are off; see the Gmail client for why.
import { drive, type drive_v3 } from '@googleapis/drive';
import type { GoogleClientOptions } from '../google-auth/index.js';
import { toGoogleApiOptions } from '../google-auth/index.js';
import { DRIVE_LIST_FIELDS, DriveFileList } from './schemas.js';

export type DriveClientOptions = GoogleClientOptions;

export type DriveClient = ReturnType<typeof createDriveClient>;

export function createDriveClient(options: DriveClientOptions) {
  const api: drive_v3.Drive = drive({
    version: 'v3',
    ...toGoogleApiOptions(options),
  });
  return {
    listFiles: (q: string, pageToken: string | undefined, what: string) =>
      options.runner.run('files.list', what, async () =>
        DriveFileList.parse(
          (
            await api.files.list({
              q,
              pageToken,
              pageSize: 1000,
              fields: DRIVE_LIST_FIELDS,
              supportsAllDrives: true,
              includeItemsFromAllDrives: true,
              spaces: 'drive',
            })
          ).data,
        ),
      ),
  };
}
