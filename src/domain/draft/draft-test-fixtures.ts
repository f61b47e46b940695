// Builders for the draft writer's and linter's tests: a realistic default for every input, overridable
// field by field. Test support only; production code does not import it.
import type { Lead } from '../lead.js';
import type {
  AssetChoice,
  DraftFacts,
  NextAction,
  NextStepPlan,
  ProposedSlot,
  ProspectResearch,
  SlotProposal,
  ThreadInsight,
} from '../results.js';
import { SellerSchema, VoiceProfileSchema } from '../settings.js';
import type { Seller, VoiceProfile } from '../settings.js';
import type { DraftInput } from './draft-input.js';

export function makeLead(overrides: Partial<Lead> = {}): Lead {
  return {
    email: 'jane@acme.example',
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme Corp',
    jobTitle: 'Head of Operations',
    phone: null,
    message: 'Hi, we need SSO pricing for our 40-person team.',
    timeZone: 'America/Chicago',
    custom: {},
    submittedAt: '2026-11-23T15:00:00.000Z',
    source: {
      kind: 'hubspot-form',
      portalId: '1',
      formId: 'f1',
      submissionId: 's1',
      contactId: null,
      pageUrl: 'https://northwind.example/pricing',
      pageTitle: 'Pricing | Northwind Analytics',
    },
    ...overrides,
  };
}

export function makeSeller(overrides: Partial<Seller> = {}): Seller {
  return { ...SellerSchema.parse({}), ...overrides };
}

export const DEFAULT_BANNED_WORDS: readonly string[] = VoiceProfileSchema.parse({}).bannedWords;

export function makeVoice(overrides: Partial<VoiceProfile> = {}): VoiceProfile {
  return VoiceProfileSchema.parse(overrides);
}

export function makeSlot(start: string, label: string, minutes = 30): ProposedSlot {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return { start, end, sellerLabel: label, label };
}

export const THREE_SLOTS: ProposedSlot[] = [
  makeSlot('2026-11-25T15:00:00.000Z', 'Wed, Nov 25, 9:00 AM CST'),
  makeSlot('2026-11-25T20:30:00.000Z', 'Wed, Nov 25, 2:30 PM CST'),
  makeSlot('2026-11-26T16:00:00.000Z', 'Thu, Nov 26, 10:00 AM CST'),
];

export function makeSlots(
  slots: ProposedSlot[] = THREE_SLOTS,
  noSlotsReason: string | null = null,
): SlotProposal {
  return {
    slots,
    sellerTimeZone: 'America/New_York',
    displayTimeZone: 'America/Chicago',
    noSlotsReason,
    window: { start: '2026-11-24T14:00:00.000Z', end: '2026-12-01T22:00:00.000Z' },
  };
}

export function makePlan(
  action: Exclude<NextAction, 'no-action'>,
  overrides: Partial<NextStepPlan> = {},
): NextStepPlan {
  return {
    action,
    reason: 'test plan',
    noActionCode: null,
    offerSlots: action === 'book-meeting',
    shareAsset: action === 'send-asset',
    answer:
      action === 'answer-question'
        ? {
            id: 'sso',
            keywords: ['sso'],
            answer: 'Yes, SSO with SAML and Okta is included in the Business plan at no extra cost.',
          }
        : null,
    ...overrides,
  };
}

export function makeAsset(overrides: Partial<AssetChoice> = {}): AssetChoice {
  return {
    fileId: 'f-1',
    name: 'SSO Buyer Guide.pdf',
    mimeType: 'application/pdf',
    url: 'https://drive.google.com/file/d/1AbC--xyz_123/view?usp=drivesdk',
    folderPath: ['Sales', 'Guides'],
    score: 3,
    reason: 'matched sso',
    ...overrides,
  };
}

export function makeInsight(overrides: Partial<ThreadInsight> = {}): ThreadInsight {
  return {
    threadId: 't-1',
    subject: 'Northwind pilot',
    messageCount: 3,
    lastSpeaker: 'prospect',
    lastMessageAt: '2026-11-20T10:00:00.000Z',
    lastMessageIdHeader: '<m3@acme.example>',
    references: ['<m1@acme.example>', '<m2@acme.example>', '<m3@acme.example>'],
    unansweredQuestion: null,
    summary: 'Jane asked about the pilot. We sent the plan.',
    topics: ['pricing', 'onboarding'],
    urgency: { level: 'normal', signals: [] },
    ...overrides,
  };
}

export function makeResearch(overrides: Partial<ProspectResearch> = {}): ProspectResearch {
  return {
    contactId: 'c-1',
    isNewContact: true,
    lifecycleStage: 'lead',
    leadStatus: null,
    owner: null,
    company: {
      id: null,
      name: 'Acme Corp',
      domain: 'acme.example',
      industry: 'COMPUTER_SOFTWARE',
      employees: 40,
      sizeBand: 'small',
    },
    emailDomain: 'acme.example',
    isPersonalEmail: false,
    talkingPoints: [],
    ...overrides,
  };
}

export function makeInput(overrides: Partial<DraftInput> = {}): DraftInput {
  return {
    lead: makeLead(),
    seller: makeSeller(),
    voice: makeVoice(),
    plan: makePlan('book-meeting'),
    slots: makeSlots(),
    asset: null,
    insight: null,
    research: makeResearch(),
    patterns: [],
    ...overrides,
  };
}

export function makeFacts(overrides: Partial<DraftFacts> = {}): DraftFacts {
  return {
    lead: { email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe', company: 'Acme Corp' },
    slots: THREE_SLOTS,
    assetUrl: 'https://drive.google.com/file/d/1AbC--xyz_123/view?usp=drivesdk',
    bookingLink: 'https://cal.northwind.example/alex',
    otherCompanyNames: ['Globex'],
    ...overrides,
  };
}
