// The Drive allowlist: which files the agent may ever link to. A file must sit under an allowlisted
// root, inside an included folder path, outside every excluded one, and carry a real web link.
//
// Matching (decided here, see the tests):
// - A file's path is its folder names below the root joined with '/', e.g. "Proposals/2026".
// - include: the path must start with one of the prefixes, case-insensitive, as plain text. So like the
//   earlier system's name-prefix rule, "Proposals" admits "Proposals/2026" and "Proposals 2026/Q1".
//   A file directly in the root has the empty path, so a non-empty include list refuses it.
// - exclude: refused when the path starting at ANY level, including the file's own name, starts with
//   the prefix. "Closed" refuses "Proposals/Closed 2025" and "Closed deal notes.pdf"; "Case Studies/Closed"
//   refuses "Case Studies/Closed Deals" and "Archive/Case Studies/Closed". Exclude always wins.
// - Several rules for one root are merged: includes add up, excludes add up.
import type { DriveFile } from '../ports/drive.js';
import type { DriveFolderRule } from '../settings.js';

export interface RejectedFile {
  file: DriveFile;
  reason: string;
}

interface MergedRule {
  include: string[];
  exclude: string[];
}

const FOLDER_MIME = 'application/vnd.google-apps.folder';

function normalizePrefix(prefix: string): string {
  return prefix
    .split('/')
    .map((segment) => segment.trim().toLowerCase())
    .filter((segment) => segment !== '')
    .join('/');
}

function mergeRules(rules: DriveFolderRule[]): Map<string, MergedRule> {
  const merged = new Map<string, MergedRule>();
  for (const rule of rules) {
    const entry = merged.get(rule.folderId) ?? { include: [], exclude: [] };
    entry.include.push(...rule.include.map(normalizePrefix).filter((p) => p !== ''));
    entry.exclude.push(...rule.exclude.map(normalizePrefix).filter((p) => p !== ''));
    merged.set(rule.folderId, entry);
  }
  return merged;
}

export function isWebLink(link: string): boolean {
  try {
    const url = new URL(link.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The exclude prefix that refuses this file at some level, or null. */
export function findExcludingPrefix(file: DriveFile, exclude: string[]): string | null {
  const segments = [...file.folderPath, file.name].map((s) => s.trim().toLowerCase());
  for (let level = 0; level < segments.length; level += 1) {
    const tail = segments.slice(level).join('/');
    const hit = exclude.find((prefix) => tail.startsWith(prefix));
    if (hit !== undefined) return hit;
  }
  return null;
}

function isIncluded(file: DriveFile, include: string[]): boolean {
  if (include.length === 0) return true;
  const path = file.folderPath.map((s) => s.trim().toLowerCase()).join('/');
  return include.some((prefix) => path.startsWith(prefix));
}

function findRejection(file: DriveFile, rules: Map<string, MergedRule>): string | null {
  const rule = rules.get(file.rootFolderId);
  if (rule === undefined) return 'not under an allowlisted Drive folder';
  if (file.mimeType === FOLDER_MIME) return 'a folder, not a file';
  const excluded = findExcludingPrefix(file, rule.exclude);
  if (excluded !== null) return `inside the excluded path "${excluded}"`;
  if (!isIncluded(file, rule.include)) return 'outside the included folders';
  if (!isWebLink(file.webViewLink)) return 'Drive gave no web link for it';
  return null;
}

export function filterEligibleFiles(
  files: DriveFile[],
  rules: DriveFolderRule[],
): { eligible: DriveFile[]; rejected: RejectedFile[] } {
  const merged = mergeRules(rules);
  const eligible: DriveFile[] = [];
  const rejected: RejectedFile[] = [];
  for (const file of files) {
    const reason = findRejection(file, merged);
    if (reason === null) eligible.push(file);
    else rejected.push({ file, reason });
  }
  return { eligible, rejected };
}
