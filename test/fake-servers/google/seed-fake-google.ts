// Seeding helpers for the fake Google server: mail threads and drafts, labels, Drive folders and
// files, busy times and calendar errors, OAuth clients, refresh tokens and service accounts.
import {
  FOLDER_MIME, nextGmailId, type BusyRange, type FakeDraft, type FakeDriveFile, type FakeGoogleState, type FakeLabel, type FakeThread,
} from './fake-google-state.js';
import { seedDraft, seedThread, type SeedMessage } from './fake-gmail-store.js';
import type { MessageHeader } from './fake-google-state.js';

export interface SeedDriveItem {
  id?: string;
  name: string;
  parents: string[];
  mimeType?: string;
  trashed?: boolean;
  description?: string;
  modifiedTime?: string;
  driveId?: string;
  /** Makes the item a shortcut to this target. */
  shortcutTo?: { id: string; mimeType: string };
}

export interface FakeGoogleSeeder {
  thread(seed: { id?: string; messages: SeedMessage[] }): FakeThread;
  draft(seed: { to: string; subject: string; body: string; headers?: MessageHeader[] }): FakeDraft;
  label(seed: { name: string; id?: string }): FakeLabel;
  folder(seed: SeedDriveItem): FakeDriveFile;
  file(seed: SeedDriveItem): FakeDriveFile;
  busy(calendarId: string, ranges: BusyRange[]): void;
  calendarError(calendarId: string, reason: string): void;
  oauthClient(clientId: string, clientSecret: string): void;
  refreshToken(token: string): void;
  /** A consent code that the authorization-code grant exchanges (once) for this refresh token. */
  authorizationCode(code: string, refreshToken: string, redirectUri?: string): void;
  serviceAccount(seed: { email: string; publicKey?: string; subjects?: string[]; delegatedScopes?: string[] }): void;
}

function driveItem(state: FakeGoogleState, seed: SeedDriveItem, fallbackMime: string): FakeDriveFile {
  const id = seed.id ?? `1${nextGmailId(state)}`;
  const mimeType = seed.shortcutTo !== undefined ? 'application/vnd.google-apps.shortcut' : (seed.mimeType ?? fallbackMime);
  const kind = mimeType === FOLDER_MIME ? 'drive/folders' : mimeType.includes('presentation') ? 'presentation/d' : 'file/d';
  return {
    id,
    name: seed.name,
    mimeType,
    parents: [...seed.parents],
    trashed: seed.trashed ?? false,
    webViewLink: kind === 'drive/folders' ? `https://drive.google.com/drive/folders/${id}` : `https://docs.google.com/${kind}/${id}/view?usp=drivesdk`,
    modifiedTime: seed.modifiedTime ?? '2026-01-15T10:00:00.000Z',
    ...(seed.description === undefined ? {} : { description: seed.description }),
    ...(seed.driveId === undefined ? {} : { driveId: seed.driveId }),
    ...(seed.shortcutTo === undefined ? {} : { shortcutDetails: { targetId: seed.shortcutTo.id, targetMimeType: seed.shortcutTo.mimeType } }),
  };
}

export function createSeeder(state: FakeGoogleState, now: () => number): FakeGoogleSeeder {
  return {
    thread: (seed) => seedThread(state, seed),
    draft: (seed) => seedDraft(state, seed, now()),
    label(seed) {
      const label: FakeLabel = { id: seed.id ?? `Label_${nextGmailId(state)}`, name: seed.name, type: 'user', messageListVisibility: 'show', labelListVisibility: 'labelShow' };
      state.labels.set(label.id, label);
      return label;
    },
    folder(seed) {
      const folder = driveItem(state, seed, FOLDER_MIME);
      state.folders.set(folder.id, folder);
      return folder;
    },
    file(seed) {
      const file = driveItem(state, seed, 'application/pdf');
      state.files.set(file.id, file);
      return file;
    },
    busy: (calendarId, ranges) => void state.busy.set(calendarId, [...(state.busy.get(calendarId) ?? []), ...ranges]),
    calendarError: (calendarId, reason) => void state.calendarErrors.set(calendarId, reason),
    oauthClient: (clientId, clientSecret) => void state.oauthClients.set(clientId, clientSecret),
    refreshToken: (token) => void state.refreshTokens.set(token, { revoked: false }),
    authorizationCode: (code, refreshToken, redirectUri) =>
      void state.authorizationCodes.set(code, { refreshToken, redirectUri: redirectUri ?? null, used: false }),
    serviceAccount(seed) {
      state.serviceAccounts.set(seed.email, {
        email: seed.email,
        publicKey: seed.publicKey ?? null,
        subjects: seed.subjects === undefined ? null : new Set(seed.subjects),
        delegatedScopes: seed.delegatedScopes === undefined ? null : new Set(seed.delegatedScopes),
      });
    },
  };
}
