// One method per Gmail endpoint we call, each through the call runner (limiter + classification)
// and parsed with zod. gaxios' own retries are off (retry: false): they ignore Retry-After, skip
// POST and 403, and would make the engine's retry policy a second, hidden one.
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import type { GoogleClientOptions } from '../google-auth/index.js';
import { toGoogleApiOptions } from '../google-auth/index.js';
import { Draft, DraftList, DraftWithHeaders, Label, LabelList, Message, MessageList, Thread, ThreadList } from './schemas.js';

/** rootUrl is an origin only (googleapis drops any path); it defaults to https://gmail.googleapis.com/. */
export interface GmailClientOptions extends GoogleClientOptions {
  userId: string;
}

export type GmailClient = ReturnType<typeof createGmailClient>;

export function createGmailClient(options: GmailClientOptions) {
  const api: gmail_v1.Gmail = gmail({
    version: 'v1',
    ...toGoogleApiOptions(options),
  });
  const users = api.users;
  const userId = options.userId;
  const run = options.runner.run.bind(options.runner);
  return {
    listThreads: (q: string, maxResults: number, pageToken: string | undefined) =>
      run('threads.list', undefined, async () => ThreadList.parse((await users.threads.list({ userId, q, maxResults, pageToken })).data)),
    getThread: (id: string, format: 'full' | 'metadata', metadataHeaders?: string[]) =>
      run('threads.get', id, async () => Thread.parse((await users.threads.get({ userId, id, format, metadataHeaders })).data)),
    modifyThread: (id: string, addLabelIds: string[]) =>
      run('threads.modify', id, async () => void (await users.threads.modify({ userId, id, requestBody: { addLabelIds } }))),
    listMessages: (q: string, maxResults: number) =>
      run('messages.list', undefined, async () => MessageList.parse((await users.messages.list({ userId, q, maxResults })).data)),
    getMessageMinimal: (id: string) =>
      run('messages.get', id, async () => Message.parse((await users.messages.get({ userId, id, format: 'minimal' })).data)),
    createDraft: (raw: string, threadId: string | undefined, key: string) =>
      run('drafts.create', key, async () => {
        const params: gmail_v1.Params$Resource$Users$Drafts$Create = { userId, requestBody: { message: { raw, threadId: threadId ?? null } } };
        return Draft.parse((await users.drafts.create(params)).data);
      }),
    listDrafts: (q: string | undefined, pageToken: string | undefined) =>
      run('drafts.list', undefined, async () => DraftList.parse((await users.drafts.list({ userId, q, pageToken, maxResults: 100 })).data)),
    // drafts.get has no metadataHeaders parameter: format=metadata returns every header.
    getDraftHeaders: (id: string) =>
      run('drafts.get', id, async () => DraftWithHeaders.parse((await users.drafts.get({ userId, id, format: 'metadata' })).data)),
    sendDraft: (id: string) =>
      run('drafts.send', id, async () => parseMessageRef((await users.drafts.send({ userId, requestBody: { id } })).data)),
    listLabels: () => run('labels.list', undefined, async () => LabelList.parse((await users.labels.list({ userId })).data).labels),
    createLabel: (name: string) =>
      run('labels.create', name, async () =>
        Label.parse((await users.labels.create({ userId, requestBody: { name, labelListVisibility: 'labelShow', messageListVisibility: 'show' } })).data),
      ),
  };
}

function parseMessageRef(data: unknown): { id: string; threadId: string } {
  return Message.pick({ id: true, threadId: true }).parse(data);
}
