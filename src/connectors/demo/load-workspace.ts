// Reads a demo workspace fixture from disk and validates it. Every failure is a value listing
// each problem with its path (file, JSON syntax with line and column, every schema and reference
// problem at once), never a thrown exception or a stack trace.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { locateJsonError } from './json-position.js';
import { formatPath } from './workspace-references.js';
import { WorkspaceSchema, type Workspace } from './workspace-schema.js';

export interface WorkspaceProblem {
  /** `crm.contacts[2].email`, or `(file)` / `(json)` / `(root)`. */
  path: string;
  reason: string;
}

export type LoadWorkspaceResult =
  { ok: true; workspace: Workspace } | { ok: false; problems: WorkspaceProblem[] };

export async function loadWorkspace(path: string): Promise<LoadWorkspaceResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: '(file)', reason: `cannot read ${path}: ${describeFileError(error)}` }],
    };
  }
  return parseWorkspaceText(text);
}

/** Parses fixture text: JSON syntax first (with line and column), then the schema. */
export function parseWorkspaceText(text: string): LoadWorkspaceResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, problems: [{ path: '(json)', reason: describeJsonError(body, error) }] };
  }
  return parseWorkspace(json);
}

/** Validates an already-parsed fixture value. */
export function parseWorkspace(json: unknown): LoadWorkspaceResult {
  // reportInput lets a missing field read "required" even where a field has a custom message.
  const parsed = WorkspaceSchema.safeParse(json, { reportInput: true });
  if (parsed.success) return { ok: true, workspace: parsed.data };
  return { ok: false, problems: parsed.error.issues.flatMap(toProblems) };
}

function toProblems(issue: z.core.$ZodIssue): WorkspaceProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      reason: 'unknown field (a typo? see docs/workspace-fixture.md for the fields)',
    }));
  }
  return [{ path: formatPath(issue.path), reason: describeIssue(issue) }];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `required (expected ${issue.expected})`;
  }
  return issue.message;
}

function describeFileError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  return error instanceof Error ? error.message : String(error);
}

/** "invalid JSON at line 12, column 5: Expected ',' or '}' after property value". */
function describeJsonError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  // V8 appends "in JSON at position N" or echoes the whole input; both are noise next to line/column.
  const message = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  const location = locateJsonError(text);
  if (location === null) return `invalid JSON: ${message}`;
  return `invalid JSON at line ${location.line}, column ${location.column}: ${message}`;
}
