// Drive v3 files.list for the fake: the q subset, `fields` honoured at the top level and inside
// files(...), pageSize/pageToken paging, and shared-drive items only with supportsAllDrives and
// includeItemsFromAllDrives both set.
import { decodePageToken, encodePageToken, type FakeDriveFile, type FakeGoogleState } from './fake-google-state.js';
import { parseFields, selectFields, type FieldSelection } from './drive-fields.js';
import { matchesDriveQuery, parseDriveQuery } from './drive-query.js';
import { googleError, ok } from './google-error.js';
import { queryInt, type FakeRequest, type FakeResponse, type RouteTable } from './fake-request.js';

const LIST_FIELDS = ['kind', 'nextPageToken', 'incompleteSearch', 'files'];
const FILE_FIELDS = [
  'kind', 'id', 'name', 'mimeType', 'parents', 'trashed', 'webViewLink', 'modifiedTime', 'description', 'driveId',
  'shortcutDetails', 'resourceKey', 'owners', 'createdTime', 'webContentLink', 'size',
];
const DEFAULT_FIELDS: FieldSelection = new Map<string, FieldSelection | true>([
  ['kind', true], ['nextPageToken', true], ['incompleteSearch', true],
  ['files', new Map<string, FieldSelection | true>([['kind', true], ['id', true], ['name', true], ['mimeType', true], ['resourceKey', true]])],
]);

const invalidParameter = (message: string, location: string): FakeResponse =>
  googleError(400, message, 'invalidParameter', 'global', { location, locationType: 'parameter' });

function fileResource(file: FakeDriveFile): Record<string, unknown> {
  return { kind: 'drive#file', ...structuredClone(file) };
}

function listFiles(state: FakeGoogleState, request: FakeRequest): FakeResponse {
  let selection: FieldSelection;
  try {
    selection = request.query.has('fields') ? parseFields(request.query.get('fields')!) : DEFAULT_FIELDS;
  } catch (error) {
    return invalidParameter((error as Error).message, 'fields');
  }
  let matches: FakeDriveFile[];
  try {
    const q = request.query.get('q');
    const query = q === null || q.trim() === '' ? null : parseDriveQuery(q);
    const allDrives = request.query.get('supportsAllDrives') === 'true' && request.query.get('includeItemsFromAllDrives') === 'true';
    matches = [...state.folders.values(), ...state.files.values()]
      .filter((f) => allDrives || f.driveId === undefined)
      .filter((f) => query === null || matchesDriveQuery(query, f));
  } catch (error) {
    return invalidParameter(`Invalid Value: ${(error as Error).message}`, 'q');
  }
  const scope = `files:${request.query.get('q') ?? ''}`;
  const offset = decodePageToken(request.query.get('pageToken'), scope);
  if (offset === null) return invalidParameter('Invalid Value', 'pageToken');
  const size = Math.min(queryInt(request.query, 'pageSize', 100, 1000), state.pageSizeCap ?? 1000);
  const pageItems = matches.slice(offset, offset + size);
  const full: Record<string, unknown> = {
    kind: 'drive#fileList',
    ...(offset + size < matches.length ? { nextPageToken: encodePageToken(offset + size, scope) } : {}),
    incompleteSearch: false,
    files: pageItems.map(fileResource),
  };
  try {
    const out = selectFields(full, selection, LIST_FIELDS);
    const fileSelection = selection.get('files');
    if (fileSelection instanceof Map && !fileSelection.has('*')) {
      out.files = pageItems.map((f) => selectFields(fileResource(f), fileSelection, FILE_FIELDS));
    }
    return ok(out);
  } catch (error) {
    return invalidParameter((error as Error).message, 'fields');
  }
}

export function driveRoutes(state: FakeGoogleState): RouteTable[] {
  return [{ method: 'GET', pattern: /^\/drive\/v3\/files$/, handle: (request) => listFiles(state, request) }];
}
