// Reads HubSpot's envelope (portal, form, submission, contact, page, time) from whichever keys a
// shape uses: `formId`, `form-id`, `formGuid` ... It knows key spellings, not which shape it is in.
import type { FieldProblem } from '../errors.js';
import { boundedMemo } from '../text/bounded-memo.js';
import { describeKind, getOwn, type JsonObject } from './json-value.js';

export interface Envelope {
  portalId: string | null;
  formId: string | null;
  submissionId: string | null;
  contactId: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  /** Raw; parse-submitted-at.ts reads it. */
  submittedAt: { value: unknown; path: string };
}

type EnvelopeTextKey = Exclude<keyof Envelope, 'submittedAt'>;

/** Accepted keys per envelope field, normalised (lower case, no `-`, `_` or spaces), best first. */
const ALIASES: Record<keyof Envelope, readonly string[]> = {
  portalId: ['portalid'],
  formId: ['formid', 'formguid'],
  submissionId: ['formsubmissionid', 'submissionid', 'conversionid'],
  // canonical-vid survives contact merges; `id` is CRM v3's name (api-contracts.md 1.1.1).
  contactId: ['canonicalvid', 'vid', 'contactid', 'objectid', 'id'],
  pageUrl: ['pageurl', 'pageuri'],
  pageTitle: ['pagetitle', 'pagename'],
  submittedAt: ['submittedat', 'timestamp'],
};

const ALL_ALIASES: ReadonlySet<string> = new Set(Object.values(ALIASES).flat());

/** Lower case without `-`, `_` or spaces; kept per spelling, as payloads repeat the same few dozen keys. */
const normalizeKey = boundedMemo((key: string) => key.trim().toLowerCase().replace(/[-_\s]/g, ''), 4096);

/** True for keys that carry the envelope rather than a form field (they never land in `custom`). */
export function isEnvelopeKey(key: string): boolean {
  return ALL_ALIASES.has(normalizeKey(key));
}

/** Where to look, best source first; `path` prefixes the key in problem reports. */
export interface EnvelopeSource {
  object: JsonObject;
  path: string;
}

interface Found {
  value: unknown;
  path: string;
}

/** A source with its keys by normalised spelling (the first spelling wins), built once per read. */
interface IndexedSource extends EnvelopeSource {
  byNormalKey: Map<string, string>;
}

function indexSource(source: EnvelopeSource): IndexedSource {
  const byNormalKey = new Map<string, string>();
  for (const key of Object.keys(source.object)) {
    const normal = normalizeKey(key);
    if (!byNormalKey.has(normal)) byNormalKey.set(normal, key);
  }
  return Object.assign({}, source, { byNormalKey });
}

function findValue(sources: readonly IndexedSource[], aliases: readonly string[]): Found | null {
  for (const source of sources) {
    for (const alias of aliases) {
      const key = source.byNormalKey.get(alias);
      const value = key === undefined ? undefined : getOwn(source.object, key);
      if (key !== undefined && value !== undefined && value !== null && value !== '') {
        return { value, path: `${source.path}${key}` };
      }
    }
  }
  return null;
}

function toIdText(found: Found | null, problems: FieldProblem[]): string | null {
  if (found === null) return null;
  const { value } = found;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  problems.push({ field: found.path, reason: `expected a string or number, got ${describeKind(value)}` });
  return null;
}

export function readEnvelope(envelopeSources: readonly EnvelopeSource[]): {
  envelope: Envelope;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const sources = envelopeSources.map(indexSource);
  const text = (key: EnvelopeTextKey): string | null => toIdText(findValue(sources, ALIASES[key]), problems);
  const submittedAt = findValue(sources, ALIASES.submittedAt);
  const envelope: Envelope = {
    portalId: text('portalId'),
    formId: text('formId'),
    submissionId: text('submissionId'),
    contactId: text('contactId'),
    pageUrl: text('pageUrl'),
    pageTitle: text('pageTitle'),
    submittedAt: submittedAt ?? { value: undefined, path: 'submittedAt' },
  };
  return { envelope, problems };
}
