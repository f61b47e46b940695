// Lays out a draft body from pieces that were already vetted, following a spec that says how much of
// them to use. It decides layout only; which pieces exist and whether they are safe is decided before.
import type { Wording } from './draft-phrases.js';
import {
  writeAnswerQuestion,
  writeAssetIntro,
  writeAssetPs,
  writeAssetQuestion,
  writeAvailabilityQuestion,
  writeGuestPs,
  writeSecondaryAssetIntro,
  writeSlotLeadIn,
  writeSlotQuestion,
} from './draft-phrases.js';

export type DraftAction = 'book-meeting' | 'send-asset' | 'answer-question';

export interface DraftMaterial {
  action: DraftAction;
  greeting: string;
  /** The lead's first name exactly as given, or null to greet "there". */
  name: string | null;
  /** Opening sentences, most specific first; the last is always usable. */
  openers: string[];
  /** How many of the openers refer to what the prospect wrote. */
  specificOpeners: number;
  /** Book-meeting: the value sentence after a specific opener, after a generic one, and a short one. */
  value: { specific: string; generic: string; short: string } | null;
  /** Answer-question: the approved answer's sentences that are safe to quote. */
  answer: string[];
  /** name: the file's title in quotes when safe; generic: what kind of file it is ("PDF", "deck"). */
  asset: { primary: boolean; name: string | null; generic: string; url: string } | null;
  wantsSlots: boolean;
  slotLabels: string[];
  bookingLink: string | null;
  /** The lead's company when safe to write, for the P.S. */
  company: string | null;
  allowPs: boolean;
  wording: Wording;
  signOff: string;
  sellerName: string;
}

/** spacious: one block per part; merged: opener with answer and asset; tight: slots with the question; compact: one block. */
export type Layout = 'spacious' | 'merged' | 'tight' | 'compact';

export interface DraftSpec {
  useName: boolean;
  opener: number;
  detail: 'full' | 'short' | 'none';
  /** How many slots to list; 0 asks for their availability instead. */
  slotCount: number;
  assetNamed: boolean;
  /** Whether an asset the plan shares alongside another action is included at all. */
  extraAsset: boolean;
  ps: boolean;
  layout: Layout;
}

interface Pieces {
  intro: string;
  answer: string;
  assetLines: string[];
  slotLines: string[];
  ctaLines: string[];
  psLines: string[];
}

export function composeBody(m: DraftMaterial, spec: DraftSpec): string {
  const p = collectPieces(m, spec);
  const greeting = `${m.greeting} ${spec.useName && m.name !== null ? m.name : 'there'},`;
  const blocks = arrange(p, spec.layout);
  const tail = p.psLines.length > 0 ? [p.psLines.join('\n')] : [];
  return [greeting, ...blocks, `${m.signOff}\n${m.sellerName}`, ...tail].join('\n\n');
}

function collectPieces(m: DraftMaterial, spec: DraftSpec): Pieces {
  const openerIndex = Math.min(spec.opener, m.openers.length - 1);
  const answer = spec.detail === 'none' ? [] : m.answer.slice(0, spec.detail === 'full' ? 3 : 1);
  const asset = collectAssetPieces(m, spec);
  const slotCount = m.wantsSlots ? Math.min(spec.slotCount, m.slotLabels.length) : 0;
  const slotLines =
    slotCount === 0
      ? []
      : [
          writeSlotLeadIn(slotCount, m.action !== 'book-meeting', m.wording),
          ...m.slotLabels.slice(0, slotCount).map((l) => `- ${l}`),
        ];
  const guestPs = spec.ps && slotCount > 0 && m.company !== null ? [writeGuestPs(m.company)] : [];
  return {
    intro: [m.openers[openerIndex] ?? '', pickValue(m, spec, openerIndex)].filter((s) => s !== '').join(' '),
    answer: answer.join(' '),
    assetLines: asset.lines,
    slotLines,
    ctaLines: writeCta(m, slotCount, answer.length > 0, asset.included),
    psLines: asset.psLines.length > 0 ? asset.psLines : guestPs,
  };
}

/** The value sentence after a specific opener says "this"; after a generic one it cannot. */
function pickValue(m: DraftMaterial, spec: DraftSpec, openerIndex: number): string {
  if (m.value === null || spec.detail === 'none') return '';
  if (spec.detail === 'short') return m.value.short;
  return openerIndex < m.specificOpeners ? m.value.specific : m.value.generic;
}

/** The asset the plan sends leads the body; one shared alongside goes in the P.S. when there is one. */
function collectAssetPieces(
  m: DraftMaterial,
  spec: DraftSpec,
): { lines: string[]; psLines: string[]; included: boolean } {
  const asset = m.asset !== null && (m.asset.primary || spec.extraAsset) ? m.asset : null;
  if (asset === null) return { lines: [], psLines: [], included: false };
  const generic = asset.primary ? `this ${asset.generic}` : `a related ${asset.generic}`;
  const name = spec.assetNamed && asset.name !== null ? asset.name : generic;
  if (asset.primary)
    return { lines: [writeAssetIntro(name, m.wording), asset.url], psLines: [], included: true };
  if (spec.ps) return { lines: [], psLines: [writeAssetPs(name), asset.url], included: true };
  return { lines: [writeSecondaryAssetIntro(name, m.wording), asset.url], psLines: [], included: true };
}

function writeCta(m: DraftMaterial, slotCount: number, hasAnswer: boolean, hasAsset: boolean): string[] {
  if (slotCount > 0) return [writeSlotQuestion(slotCount, m.wording)];
  if (m.action === 'send-asset' && hasAsset && !m.wantsSlots) return [writeAssetQuestion(m.wording)];
  if (m.action === 'answer-question' && !m.wantsSlots) return [writeAnswerQuestion(hasAnswer, m.wording)];
  const question = writeAvailabilityQuestion(m.bookingLink !== null, m.wording);
  return m.bookingLink === null ? [question] : [question, m.bookingLink];
}

function arrange(p: Pieces, layout: Layout): string[] {
  const join = (lines: string[]): string => lines.filter((l) => l !== '').join('\n');
  if (layout === 'compact') {
    return [
      join([
        [p.intro, p.answer].filter((s) => s !== '').join(' '),
        ...p.assetLines,
        ...p.slotLines,
        ...p.ctaLines,
      ]),
    ];
  }
  const opening = join([[p.intro, p.answer].filter((s) => s !== '').join(' '), ...p.assetLines]);
  if (layout === 'merged') return [opening, join(p.slotLines), join(p.ctaLines)].filter((b) => b !== '');
  if (layout === 'tight') return [opening, join([...p.slotLines, ...p.ctaLines])];
  return [p.intro, p.answer, join(p.assetLines), join(p.slotLines), join(p.ctaLines)].filter((b) => b !== '');
}
