// Picks at most one Drive file to share with a lead: only allowlisted files, only when one is
// relevant to what they wrote or who they are, and its link exactly as Drive gave it.
import type { Lead } from '../lead.js';
import type { DriveFile } from '../ports/drive.js';
import type { AssetChoice, AssetSearch, ProspectResearch } from '../results.js';
import type { DriveFolderRule } from '../settings.js';
import { extractTopics } from '../text/extract-topics.js';
import { joinWords } from '../text/join-words.js';
import { filterEligibleFiles } from './filter-eligible-files.js';
import { isRelevant, scoreAsset, type AssetMatch } from './score-asset.js';

export interface PickAssetContext {
  lead: Lead;
  research: ProspectResearch;
  /** Topics from the thread (and the message, when the caller has them). */
  topics: string[];
}

function compareMatches(a: AssetMatch, b: AssetMatch): number {
  return (
    b.score - a.score ||
    (Date.parse(b.file.modifiedTime) || 0) - (Date.parse(a.file.modifiedTime) || 0) ||
    a.file.name.localeCompare(b.file.name) ||
    a.file.id.localeCompare(b.file.id)
  );
}

function quoted(words: string[]): string {
  return joinWords(words.map((w) => `'${w}'`));
}

function explain(match: AssetMatch, messageTopics: string[]): string {
  const fromMessage = match.topics.filter((t) => messageTopics.includes(t));
  const fromThread = match.topics.filter((t) => !messageTopics.includes(t));
  const parts: string[] = [];
  if (fromMessage.length > 0) parts.push(`${quoted(fromMessage)} from their message`);
  if (fromThread.length > 0) parts.push(`${quoted(fromThread)} from the conversation`);
  if (match.industryWord !== null) parts.push(`'${match.industryWord}' from their industry`);
  if (match.companyMatched) parts.push('their company name');
  return `Matches ${joinWords(parts)}.`;
}

function toChoice(match: AssetMatch, messageTopics: string[]): AssetChoice {
  const { file } = match;
  return {
    fileId: file.id,
    name: file.name,
    mimeType: file.mimeType,
    url: file.webViewLink,
    folderPath: [...file.folderPath],
    score: match.score,
    reason: explain(match, messageTopics),
  };
}

function explainNone(considered: number, eligible: number): string {
  if (considered === 0) return 'Drive returned no files under the allowlisted folders.';
  if (eligible === 0) return `None of the ${considered} files Drive returned is inside the allowed folders.`;
  return `None of the ${eligible} allowed files matches the lead's topics or industry.`;
}

export function pickAsset(files: DriveFile[], rules: DriveFolderRule[], ctx: PickAssetContext): AssetSearch {
  const { eligible } = filterEligibleFiles(files, rules);
  const messageTopics = extractTopics(ctx.lead.message ?? '');
  const topics = [...new Set([...messageTopics, ...ctx.topics.map((t) => t.toLowerCase())])];
  const newestMs = Math.max(0, ...eligible.map((f: DriveFile) => Date.parse(f.modifiedTime) || 0));
  const signals = {
    topics,
    industry: ctx.research.company.industry,
    companyName: ctx.lead.company ?? ctx.research.company.name,
  };
  const best = eligible
    .map((f) => scoreAsset(f, signals, newestMs))
    .filter(isRelevant)
    .sort(compareMatches)[0];
  return {
    chosen: best === undefined ? null : toChoice(best, messageTopics),
    considered: files.length,
    eligible: eligible.length,
    reason: best === undefined ? explainNone(files.length, eligible.length) : null,
  };
}
