// What a draft for this lead may mention (slots, links, names), for the linter to hold a draft against.
// It does not decide which other clients exist: the caller passes their names.
import type { DraftFacts } from '../results.js';
import { findFirstWord } from './draft-text.js';
import type { DraftInput } from './draft-input.js';

/**
 * Slots count as facts only when the plan offers them, the asset only when the plan shares it. Other
 * clients' names that are this lead's own company, or ours, are dropped: naming those is not a leak.
 */
export function collectDraftFacts(input: DraftInput, otherCompanyNames: string[]): DraftFacts {
  const { lead, plan, slots, asset, seller } = input;
  return {
    lead: { email: lead.email, firstName: lead.firstName, lastName: lead.lastName, company: lead.company },
    slots: plan.offerSlots ? slots.slots : [],
    assetUrl: plan.shareAsset && asset !== null ? asset.url : null,
    bookingLink: seller.bookingLink,
    otherCompanyNames: filterOtherCompanies(otherCompanyNames, [lead.company, seller.company]),
  };
}

function filterOtherCompanies(names: readonly string[], own: ReadonlyArray<string | null>): string[] {
  const ours = own.filter((n): n is string => n !== null && n.trim() !== '');
  const seen = new Set<string>();
  return names
    .map((n) => n.trim())
    .filter((name) => {
      const key = name.toLowerCase();
      if (name === '' || seen.has(key)) return false;
      seen.add(key);
      return !ours.some((o) => findFirstWord(o, name) !== null || findFirstWord(name, o) !== null);
    });
}
