import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Lead } from '../lead.js';
import type { DriveFile } from '../ports/drive.js';
import type { ProspectResearch } from '../results.js';
import type { DriveFolderRule } from '../settings.js';
import { pickAsset } from './pick-asset.js';

const LEAD: Lead = {
  email: 'jane@acmehealth.com',
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme Health',
  jobTitle: null,
  phone: null,
  message: 'How do you handle security for patient data?',
  timeZone: null,
  custom: {},
  submittedAt: null,
  source: {
    kind: 'json',
    portalId: null,
    formId: null,
    submissionId: null,
    contactId: null,
    pageUrl: null,
    pageTitle: null,
  },
};

const RESEARCH: ProspectResearch = {
  contactId: 'c1',
  isNewContact: true,
  lifecycleStage: null,
  leadStatus: null,
  owner: null,
  company: {
    id: null,
    name: 'Acme Health',
    domain: 'acmehealth.com',
    industry: 'healthcare',
    employees: null,
    sizeBand: null,
  },
  emailDomain: 'acmehealth.com',
  isPersonalEmail: false,
  talkingPoints: [],
};

const RULES: DriveFolderRule[] = [
  { folderId: 'sales', name: 'Sales', include: ['Case Studies', 'Guides'], exclude: ['Closed'] },
];

function file(id: string, name: string, over: Partial<DriveFile> = {}): DriveFile {
  return {
    id,
    name,
    mimeType: 'application/pdf',
    webViewLink: `https://drive.google.com/file/d/${id}/view?usp=drivesdk`,
    modifiedTime: '2026-10-01T00:00:00Z',
    rootFolderId: 'sales',
    folderPath: ['Case Studies'],
    description: null,
    ...over,
  };
}

const CTX = { lead: LEAD, research: RESEARCH, topics: [] };

describe('pickAsset', () => {
  it("picks the file matching their topics and industry, with Drive's link exactly", () => {
    const files = [
      file('a', 'Retail onboarding guide.pdf'),
      file('b', 'Healthcare security overview.pdf'),
      file('c', 'Pricing sheet.pdf'),
    ];
    const result = pickAsset(files, RULES, CTX);
    assert.equal(result.chosen?.fileId, 'b');
    assert.equal(result.chosen?.url, 'https://drive.google.com/file/d/b/view?usp=drivesdk');
    assert.equal(
      result.chosen?.reason,
      "Matches 'security' from their message and 'healthcare' from their industry.",
    );
    assert.deepEqual([result.considered, result.eligible, result.reason], [3, 3, null]);
  });

  it('never picks an excluded or non-allowlisted file, however relevant', () => {
    const files = [
      file('a', 'Healthcare security data.pdf', { folderPath: ['Case Studies', 'Closed Deals'] }),
      file('b', 'Healthcare security data.pdf', { rootFolderId: 'private' }),
      file('c', 'Security overview.pdf', { folderPath: ['Guides'] }),
    ];
    const result = pickAsset(files, RULES, CTX);
    assert.equal(result.chosen?.fileId, 'c');
    assert.equal(result.eligible, 1);
  });

  it('chooses nothing when no file shares a topic or the industry, and says why', () => {
    const files = [file('a', 'Acme Health notes.pdf'), file('b', 'Retail onboarding.pdf')];
    const result = pickAsset(files, RULES, CTX);
    assert.equal(result.chosen, null);
    assert.equal(result.reason, "None of the 2 allowed files matches the lead's topics or industry.");
  });

  it('says when nothing was allowed or nothing was found', () => {
    assert.equal(pickAsset([], RULES, CTX).reason, 'Drive returned no files under the allowlisted folders.');
    const outside = pickAsset([file('a', 'Security.pdf', { rootFolderId: 'x' })], RULES, CTX);
    assert.equal(outside.reason, 'None of the 1 files Drive returned is inside the allowed folders.');
  });

  it('uses thread topics too and prefers PDFs and newer files on a tie', () => {
    const files = [
      file('doc', 'Migration plan', { mimeType: 'application/vnd.google-apps.document' }),
      file('old', 'Migration plan.pdf', { modifiedTime: '2025-01-01T00:00:00Z' }),
      file('new', 'Migration plan v2.pdf', { modifiedTime: '2026-09-01T00:00:00Z' }),
    ];
    const result = pickAsset(files, RULES, {
      lead: { ...LEAD, message: null },
      research: { ...RESEARCH, company: { ...RESEARCH.company, industry: null } },
      topics: ['migration'],
    });
    assert.equal(result.chosen?.fileId, 'new');
    assert.equal(result.chosen?.reason, "Matches 'migration' from the conversation.");
  });

  it('ranks a company-name match above an otherwise equal file', () => {
    const files = [file('a', 'Security review.pdf'), file('b', 'Acme Health security review.pdf')];
    const result = pickAsset(files, RULES, {
      ...CTX,
      research: { ...RESEARCH, company: { ...RESEARCH.company, industry: null } },
    });
    assert.equal(result.chosen?.fileId, 'b');
    assert.match(result.chosen?.reason ?? '', /their company name/);
  });
});

const SEGMENTS = [
  'Proposals',
  'Case Studies',
  'Closed',
  'Closed Deals',
  'Guides',
  'Internal',
  '2026',
  'Security',
];
const segment = fc.constantFrom(...SEGMENTS);
const fileArb = fc.record({
  id: fc.uuid(),
  name: fc.constantFrom(
    'Security overview.pdf',
    'Pricing sheet.pdf',
    'Closed security memo.pdf',
    'Healthcare data guide.pdf',
    'notes',
  ),
  mimeType: fc.constantFrom('application/pdf', 'application/vnd.google-apps.presentation', 'text/plain'),
  webViewLink: fc.oneof(fc.webUrl(), fc.constantFrom('', 'ftp://x/y', 'not a url')),
  modifiedTime: fc
    .date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  rootFolderId: fc.constantFrom('sales', 'partner', 'private'),
  folderPath: fc.array(segment, { maxLength: 3 }),
  description: fc.constantFrom(null, 'healthcare security', 'pricing for retail'),
});
const ruleArb = fc.record({
  folderId: fc.constantFrom('sales', 'partner'),
  name: fc.constant(''),
  include: fc.array(fc.constantFrom('Proposals', 'Case Studies', 'guides', 'Case Studies/Closed'), {
    maxLength: 2,
  }),
  exclude: fc.array(fc.constantFrom('Closed', 'Internal', 'case studies/closed deals'), { maxLength: 2 }),
});

/** Independent oracle of the allowlist, written plainly from the rule's wording. */
function isAllowed(f: DriveFile, rules: DriveFolderRule[]): boolean {
  const mine = rules.filter((r) => r.folderId === f.rootFolderId);
  if (mine.length === 0) return false;
  const segs = [...f.folderPath, f.name].map((s) => s.toLowerCase());
  const excludes = mine.flatMap((r) => r.exclude).map((e) => e.toLowerCase());
  for (let i = 0; i < segs.length; i += 1) {
    if (excludes.some((e) => segs.slice(i).join('/').startsWith(e))) return false;
  }
  const includes = mine.flatMap((r) => r.include).map((e) => e.toLowerCase());
  const path = f.folderPath.join('/').toLowerCase();
  return includes.length === 0 || includes.some((p) => path.startsWith(p));
}

describe('pickAsset (property)', () => {
  it("never chooses an excluded or non-allowlisted file, and its url is an input file's link", () => {
    fc.assert(
      fc.property(
        fc.array(fileArb, { maxLength: 12 }),
        fc.array(ruleArb, { maxLength: 3 }),
        fc.array(fc.constantFrom('security', 'pricing', 'data'), { maxLength: 2 }),
        (files, rules, topics) => {
          const result = pickAsset(files, rules, { ...CTX, topics });
          if (result.chosen === null) return;
          const source = files.find((f) => f.id === result.chosen!.fileId);
          assert.ok(source !== undefined);
          assert.equal(result.chosen.url, source.webViewLink);
          assert.ok(files.some((f) => f.webViewLink === result.chosen!.url));
          assert.ok(isAllowed(source, rules), `chose ${source.folderPath.join('/')}/${source.name}`);
          assert.match(result.chosen.url, /^https?:\/\//);
        },
      ),
      { numRuns: 300 },
    );
  });
});
