// Renders a sample draft for the voice editor: the deterministic writer on one fixed, made-up lead,
// so an operator sees what a voice profile produces before saving it. Nothing is stored or sent.
import { collectDraftFacts } from '../domain/draft/draft-facts.js';
import type { DraftInput } from '../domain/draft/draft-input.js';
import { lintDraft } from '../domain/draft/lint-draft.js';
import { writeDraft } from '../domain/draft/write-draft.js';
import type { FieldProblem } from '../domain/errors.js';
import type { LintProblem } from '../domain/results.js';
import { VoiceProfileSchema, type Seller } from '../domain/settings.js';

export type SampleDraftOutcome =
  | { ok: true; subject: string; body: string; lint: LintProblem[]; lead: { name: string; company: string; message: string } }
  | { ok: false; problems: FieldProblem[] };

const SAMPLE_MESSAGE = 'We are comparing forecasting tools for our 40 stores. Could we see a demo next week?';

/** The fixed lead, thread-less, asking for a meeting: the most common shape of a real run. */
export function buildSampleInput(seller: Seller, voice: DraftInput['voice']): DraftInput {
  const zone = seller.timeZone;
  const slot = (start: string, end: string, label: string) => ({ start, end, sellerLabel: label, label });
  return {
    lead: {
      email: 'sam.rivera@harbor-foods.example', firstName: 'Sam', lastName: 'Rivera', company: 'Harbor Foods',
      jobTitle: 'Head of Planning', phone: null, message: SAMPLE_MESSAGE, timeZone: zone, custom: {},
      submittedAt: '2026-11-23T15:00:00.000Z',
      source: { kind: 'json', portalId: null, formId: 'sample', submissionId: 'sample', contactId: null, pageUrl: null, pageTitle: null },
    },
    seller,
    voice,
    plan: { action: 'book-meeting', reason: 'sample', noActionCode: null, offerSlots: true, shareAsset: false, answer: null },
    slots: {
      slots: [
        slot('2026-11-25T15:00:00.000Z', '2026-11-25T15:30:00.000Z', 'Wed, Nov 25, 10:00 AM'),
        slot('2026-11-26T19:00:00.000Z', '2026-11-26T19:30:00.000Z', 'Thu, Nov 26, 2:00 PM'),
      ],
      sellerTimeZone: zone, displayTimeZone: zone, noSlotsReason: null,
      window: { start: '2026-11-24T14:00:00.000Z', end: '2026-12-01T22:00:00.000Z' },
    },
    asset: null,
    insight: null,
    research: {
      contactId: 'sample', isNewContact: true, lifecycleStage: 'lead', leadStatus: null, owner: null,
      company: { id: null, name: 'Harbor Foods', domain: 'harbor-foods.example', industry: 'Retail', employees: 400, sizeBand: 'mid' },
      emailDomain: 'harbor-foods.example', isPersonalEmail: false, talkingPoints: [],
    },
    patterns: [],
  };
}

export function renderSampleDraft(seller: Seller, voiceInput: unknown): SampleDraftOutcome {
  const parsed = VoiceProfileSchema.safeParse(voiceInput);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ field: ['voice', ...i.path.map(String)].join('.'), reason: i.message })) };
  }
  const input = buildSampleInput(seller, parsed.data);
  const draft = writeDraft(input);
  const lint = lintDraft(draft, parsed.data, collectDraftFacts(input, []));
  return { ok: true, ...draft, lint, lead: { name: 'Sam Rivera', company: 'Harbor Foods', message: SAMPLE_MESSAGE } };
}
