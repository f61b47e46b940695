// The CRM v3 object endpoints of the fake: read by id (or idProperty=email), create (201), update,
// search. Envelopes are SimplePublicObject: string properties, ISO createdAt/updatedAt.
import { z } from 'zod';
import { checkAssociations, checkProperties, toStringProperties } from './object-rules.js';
import { HubspotHttpError, hubspotErrorBodies } from './responses.js';
import type { Route, RouteContext, RouteResult } from './route.js';
import { SearchRequest, checkSearchLimits, matches, sortResults } from './search.js';
import type { FakeHubspotState, ObjectType, StoredObject } from './state.js';
import { DEFAULT_PROPERTIES, OBJECT_TYPES } from './state.js';

const TYPES = OBJECT_TYPES.join('|');

const WriteBody = z.object({
  properties: z.record(z.string(), z.unknown()).default({}),
  associations: z
    .array(
      z.object({
        to: z.object({ id: z.coerce.string() }),
        types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })),
      }),
    )
    .optional(),
});

/** `properties=a&properties=b` (what the SDK sends) or `properties=a,b`; both are valid. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function serialize(
  state: FakeHubspotState,
  object: StoredObject,
  requested: string[],
): Record<string, unknown> {
  const names = requested.length > 0 ? requested : DEFAULT_PROPERTIES[object.type];
  const properties: Record<string, string | null> = {};
  for (const name of new Set([...names, 'hs_object_id'])) {
    // Defined-but-empty properties come back as null; undefined ones are left out.
    if (name in object.properties) properties[name] = object.properties[name] ?? null;
    else if (state.definedProperties[object.type].has(name)) properties[name] = null;
  }
  return {
    id: object.id,
    properties,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: false,
  };
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      message: `${i.path.join('.')}: ${i.message}`,
      code: 'INVALID_INPUT',
    }));
    throw new HubspotHttpError(400, hubspotErrorBodies.validation('Invalid input JSON on line 1', errors));
  }
  return parsed.data;
}

function lookup(ctx: RouteContext, type: ObjectType, id: string): StoredObject {
  const idProperty = ctx.query.get('idProperty');
  const found =
    idProperty === 'email' && type === 'contacts'
      ? ctx.state.findContactByEmail(decodeURIComponent(id))
      : idProperty && idProperty !== 'hs_object_id'
        ? [...ctx.state.objects[type].values()].find(
            (o) => o.properties[idProperty] === decodeURIComponent(id),
          )
        : ctx.state.objects[type].get(id);
  if (!found) throw new HubspotHttpError(404, hubspotErrorBodies.notFound());
  return found;
}

function getById(ctx: RouteContext, type: ObjectType, id: string): RouteResult {
  const object = lookup(ctx, type, id);
  const body = serialize(ctx.state, object, listParam(ctx.query, 'properties'));
  const associations: Record<string, unknown> = {};
  for (const toType of listParam(ctx.query, 'associations')) {
    if (!(OBJECT_TYPES as readonly string[]).includes(toType)) continue;
    const links = ctx.state.associationsOf(type, object.id, toType as ObjectType);
    if (links.length === 0) continue;
    const label = `${type.replace(/s$/, '')}_to_${toType.replace(/ies$/, 'y').replace(/s$/, '')}`;
    associations[toType] = {
      results: links.map((l) => ({
        id: l.toId,
        type: l.typeId === 1 || l.typeId === 2 ? label : `${label}_unlabeled`,
      })),
    };
  }
  return { status: 200, body: Object.keys(associations).length > 0 ? { ...body, associations } : body };
}

function create(ctx: RouteContext, type: ObjectType): RouteResult {
  const input = parseBody(WriteBody, ctx.body);
  const properties = checkProperties(ctx.state, type, toStringProperties(input.properties), true);
  const links = checkAssociations(ctx.state, type, input.associations ?? []);
  if (type === 'contacts' && properties['email']) {
    const existing = ctx.state.findContactByEmail(properties['email']);
    if (existing)
      throw new HubspotHttpError(
        409,
        hubspotErrorBodies.conflict(`Contact already exists. Existing ID: ${existing.id}`),
      );
  }
  const object = ctx.state.insert(type, properties);
  for (const link of links)
    ctx.state.associate(type, object.id, link.toType, link.toId, link.typeId, link.inverse);
  return { status: 201, body: serialize(ctx.state, object, Object.keys(object.properties)) };
}

function update(ctx: RouteContext, type: ObjectType, id: string): RouteResult {
  const object = lookup(ctx, type, id);
  const input = parseBody(WriteBody, ctx.body);
  const properties = checkProperties(ctx.state, type, toStringProperties(input.properties), false);
  const email = properties['email'];
  const other = type === 'contacts' && email ? ctx.state.findContactByEmail(email) : undefined;
  if (other && other.id !== object.id) {
    throw new HubspotHttpError(
      409,
      hubspotErrorBodies.conflict(
        `A contact with the email ${email} already exists. Existing ID: ${other.id}`,
      ),
    );
  }
  ctx.state.update(object, properties);
  return { status: 200, body: serialize(ctx.state, object, Object.keys(object.properties)) };
}

function search(ctx: RouteContext, type: ObjectType): RouteResult {
  const request = parseBody(SearchRequest, ctx.body);
  checkSearchLimits(request);
  const now = ctx.state.now();
  const hits = sortResults(
    [...ctx.state.objects[type].values()].filter((o) => o.searchableAt <= now && matches(o, request)),
    request,
  );
  const offset = Number(request.after ?? 0);
  const limit = request.limit ?? 10;
  const page = hits.slice(offset, offset + limit);
  const next = offset + limit < hits.length ? String(offset + limit) : null;
  return {
    status: 200,
    body: {
      total: hits.length,
      results: page.map((o) => serialize(ctx.state, o, request.properties ?? [])),
      ...(next === null ? {} : { paging: { next: { after: next, link: `?after=${next}` } } }),
    },
  };
}

function typeOf(name: string | undefined): ObjectType {
  return name as ObjectType;
}

export const objectRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`^/crm/v3/objects/(${TYPES})/search$`),
    isSearch: true,
    handle: (c) => search(c, typeOf(c.params[0])),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/crm/v3/objects/(${TYPES})/([^/]+)$`),
    handle: (c) => getById(c, typeOf(c.params[0]), c.params[1] ?? ''),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/crm/v3/objects/(${TYPES})/([^/]+)$`),
    handle: (c) => update(c, typeOf(c.params[0]), c.params[1] ?? ''),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/crm/v3/objects/(${TYPES})$`),
    handle: (c) => create(c, typeOf(c.params[0])),
  },
];
