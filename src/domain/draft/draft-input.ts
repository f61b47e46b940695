// Everything the draft writer may draw on: the outputs of the earlier steps, nothing else. A fact that is
// not in here cannot appear in a draft.
import type { Lead } from '../lead.js';
import type {
  AssetChoice,
  NextStepPlan,
  ProspectResearch,
  SimilarPattern,
  SlotProposal,
  ThreadInsight,
} from '../results.js';
import type { Seller, VoiceProfile } from '../settings.js';

export interface DraftInput {
  lead: Lead;
  seller: Seller;
  voice: VoiceProfile;
  plan: NextStepPlan;
  slots: SlotProposal;
  asset: AssetChoice | null;
  insight: ThreadInsight | null;
  research: ProspectResearch;
  patterns: SimilarPattern[];
}
