// The fake's non-object endpoints: v4 default associations, owners, the Forms submissions API
// (newest first, paged by an opaque `after`), and the legacy contact profile with form-submissions.
import { randomUUID } from 'node:crypto';
import { HubspotHttpError, errorBody, hubspotErrorBodies } from './responses.js';
import type { Route, RouteContext, RouteResult } from './route.js';
import type { FakeSubmission, ObjectType } from './state.js';

const SINGULAR: Record<string, ObjectType> = {
  contact: 'contacts',
  contacts: 'contacts',
  '0-1': 'contacts',
  company: 'companies',
  companies: 'companies',
  '0-2': 'companies',
};
/** Default (unlabeled) type ids per direction for the pairs the fake serves. */
const DEFAULT_TYPES: Record<string, [number, number]> = {
  'contacts>companies': [279, 280],
  'companies>contacts': [280, 279],
};

function associateDefault(ctx: RouteContext): RouteResult {
  const [fromName = '', fromId = '', toName = '', toId = ''] = ctx.params;
  const from = SINGULAR[fromName];
  const to = SINGULAR[toName];
  const types = from && to ? DEFAULT_TYPES[`${from}>${to}`] : undefined;
  if (!from || !to || !types)
    throw new HubspotHttpError(
      400,
      hubspotErrorBodies.validation(`No default association from ${fromName} to ${toName}`),
    );
  if (!ctx.state.objects[from].has(fromId) || !ctx.state.objects[to].has(toId))
    throw new HubspotHttpError(404, hubspotErrorBodies.notFound());
  ctx.state.associate(from, fromId, to, toId, types[0], types[1]);
  const at = new Date(ctx.state.now()).toISOString();
  const spec = (typeId: number) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId });
  return {
    status: 200,
    body: {
      status: 'COMPLETE',
      results: [
        { from: { id: fromId }, to: { id: toId }, associationSpec: spec(types[0]) },
        { from: { id: toId }, to: { id: fromId }, associationSpec: spec(types[1]) },
      ],
      startedAt: at,
      completedAt: at,
    },
  };
}

function getOwner(ctx: RouteContext): RouteResult {
  const owner = ctx.state.owners.get(ctx.params[0] ?? '');
  if (!owner) throw new HubspotHttpError(404, hubspotErrorBodies.notFound());
  const at = new Date(ctx.state.now()).toISOString();
  return {
    status: 200,
    body: { ...owner, type: 'PERSON', createdAt: at, updatedAt: at, archived: false, teams: [] },
  };
}

const MAX_FORM_PAGE = 50;

function listSubmissions(ctx: RouteContext): RouteResult {
  const guid = ctx.params[0] ?? '';
  const all = ctx.state.submissions
    .filter((s) => s.formGuid === guid)
    .sort((a, b) => b.submittedAt - a.submittedAt);
  if (all.length === 0 && !ctx.state.forms.has(guid))
    throw new HubspotHttpError(404, errorBody(`Form ${guid} does not exist`, 'OBJECT_NOT_FOUND'));
  const limit = Math.min(Math.max(Number(ctx.query.get('limit') ?? 20) || 20, 1), MAX_FORM_PAGE);
  const after = ctx.query.get('after');
  const offset = after === null ? 0 : decodeCursor(after);
  const page = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? encodeCursor(offset + limit) : null;
  return {
    status: 200,
    body: {
      results: page.map((s) => ({
        conversionId: s.conversionId,
        submittedAt: s.submittedAt,
        values: s.values,
        pageUrl: s.pageUrl,
      })),
      ...(next === null ? {} : { paging: { next: { after: next, link: `?after=${next}` } } }),
    },
  };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new HubspotHttpError(400, hubspotErrorBodies.validation(`Invalid after token ${cursor}`));
  return Number(match[1]);
}

/** The legacy Contacts v1 profile (§1.1.1 shape), with the contact's form submissions, newest first. */
function legacyProfile(ctx: RouteContext): RouteResult {
  const vid = ctx.params[0] ?? '';
  const contact = ctx.state.objects.contacts.get(vid);
  if (!contact)
    throw new HubspotHttpError(404, {
      status: 'error',
      message: 'contact does not exist',
      correlationId: randomUUID(),
    });
  const email = (contact.properties['email'] ?? '').toLowerCase();
  const submissions = ctx.state.submissions
    .filter((s) => emailOf(s) === email && email !== '')
    .sort((a, b) => b.submittedAt - a.submittedAt);
  const properties = Object.fromEntries(
    Object.entries(contact.properties)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [
        k,
        {
          value: v,
          versions: [
            { value: v, 'source-type': 'API', timestamp: Date.parse(contact.updatedAt), selected: false },
          ],
        },
      ]),
  );
  return {
    status: 200,
    body: {
      vid: Number(vid),
      'canonical-vid': Number(vid),
      'merged-vids': [],
      'portal-id': ctx.state.portalId,
      'is-contact': true,
      properties,
      'form-submissions': submissions.map((s) => ({
        'conversion-id': s.conversionId,
        timestamp: s.submittedAt,
        'form-id': s.formGuid,
        'portal-id': ctx.state.portalId,
        'page-url': s.pageUrl,
        title: 'Contact us form',
      })),
      'list-memberships': [],
      'identity-profiles': [],
      'merge-audits': [],
    },
  };
}

function emailOf(submission: FakeSubmission): string {
  return (submission.values.find((v) => v.name === 'email')?.value ?? '').toLowerCase();
}

export const otherRoutes: Route[] = [
  {
    method: 'PUT',
    pattern: /^\/crm\/v4\/objects\/([^/]+)\/([^/]+)\/associations\/default\/([^/]+)\/([^/]+)$/,
    handle: associateDefault,
  },
  { method: 'GET', pattern: /^\/crm\/v3\/owners\/([^/]+)$/, handle: getOwner },
  {
    method: 'GET',
    pattern: /^\/form-integrations\/v1\/submissions\/forms\/([^/]+)$/,
    handle: listSubmissions,
  },
  { method: 'GET', pattern: /^\/contacts\/v1\/contact\/vid\/([^/]+)\/profile$/, handle: legacyProfile },
];
