// Cross-reference checks for the demo workspace: ids that must exist, ids and addresses that must
// be unique, message order. Each group runs only when the sections it reads passed their shape
// checks, so one broken section never hides the problems of another.
import type { z } from 'zod';
import type { Workspace } from './workspace-shape.js';
import { extractHeaderAddress } from './mail-address.js';

type Ctx = z.core.$RefinementCtx<Workspace>;
type Path = (string | number)[];
type Section = 'settings' | 'crm' | 'mail' | 'drive' | 'calendar' | 'history';
type Report = (path: Path, message: string) => void;

/** Gmail's system label ids (which equal their names), usable without declaring them. */
export const SYSTEM_LABEL_IDS: ReadonlySet<string> = new Set([
  'INBOX',
  'SENT',
  'DRAFT',
  'UNREAD',
  'STARRED',
  'IMPORTANT',
  'SPAM',
  'TRASH',
  'CHAT',
  'CATEGORY_PERSONAL',
  'CATEGORY_SOCIAL',
  'CATEGORY_PROMOTIONS',
  'CATEGORY_UPDATES',
  'CATEGORY_FORUMS',
]);

const GROUPS: { needs: Section[]; check: (ws: Workspace, report: Report) => void }[] = [
  { needs: ['crm'], check: checkCrm },
  { needs: ['mail'], check: checkMail },
  { needs: ['drive'], check: checkDrive },
  {
    needs: ['history'],
    check: (ws, report) =>
      reportDuplicates(ws.history.pastOutreach, (p) => p.id, ['history', 'pastOutreach'], 'id', report),
  },
  { needs: ['settings', 'mail'], check: checkSellerAddress },
  { needs: ['settings', 'drive'], check: checkDriveRules },
];

export function checkWorkspaceReferences(ws: Workspace, ctx: Ctx): void {
  if (typeof ws !== 'object' || ws === null) return;
  const dirty = new Set(ctx.issues.map((issue) => String(issue.path?.[0] ?? '')));
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', message, path });
  for (const group of GROUPS) {
    if (group.needs.every((section) => !dirty.has(section) && ws[section] !== undefined))
      group.check(ws, report);
  }
}

/** Reports every repeat of a key (null keys are skipped), naming where it was first used. */
function reportDuplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null,
  base: Path,
  field: string,
  report: Report,
  note = '',
): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === null) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else
      report(
        [...base, index, field],
        `duplicate ${field} "${key}" (first used at ${formatPath([...base, first])})${note}`,
      );
  });
}

function checkCrm(ws: Workspace, report: Report): void {
  const { contacts, companies, owners } = ws.crm;
  reportDuplicates(contacts, (c) => c.id, ['crm', 'contacts'], 'id', report);
  reportDuplicates(contacts, (c) => c.email, ['crm', 'contacts'], 'email', report);
  reportDuplicates(companies, (c) => c.id, ['crm', 'companies'], 'id', report);
  const oneDomain = '; findCompanyByDomain needs one company per domain';
  reportDuplicates(companies, (c) => c.domain, ['crm', 'companies'], 'domain', report, oneDomain);
  reportDuplicates(owners, (o) => o.id, ['crm', 'owners'], 'id', report);
  const companyIds = new Set(companies.map((c) => c.id));
  const ownerIds = new Set(owners.map((o) => o.id));
  contacts.forEach((contact, index) => {
    if (contact.companyId !== null && !companyIds.has(contact.companyId)) {
      report(
        ['crm', 'contacts', index, 'companyId'],
        `no company with id "${contact.companyId}" in crm.companies`,
      );
    }
    if (contact.ownerId !== null && !ownerIds.has(contact.ownerId)) {
      report(['crm', 'contacts', index, 'ownerId'], `no owner with id "${contact.ownerId}" in crm.owners`);
    }
  });
}

function checkMail(ws: Workspace, report: Report): void {
  const { threads, labels, ourAddresses } = ws.mail;
  reportDuplicates(threads, (t) => t.id, ['mail', 'threads'], 'id', report);
  reportDuplicates(labels, (l) => l.id, ['mail', 'labels'], 'id', report);
  reportDuplicates(labels, (l) => l.name.toLowerCase(), ['mail', 'labels'], 'name', report);
  labels.forEach((label, index) => {
    if (SYSTEM_LABEL_IDS.has(label.id))
      report(['mail', 'labels', index, 'id'], `"${label.id}" is a Gmail system label; do not declare it`);
  });
  const seen: MailSeen = {
    knownLabels: new Set([...SYSTEM_LABEL_IDS, ...labels.map((l) => l.id)]),
    ours: new Set(ourAddresses),
    messageIds: new Map(),
    headerIds: new Map(),
  };
  threads.forEach((thread, t) => {
    checkLabelIds(thread.labelIds, seen.knownLabels, ['mail', 'threads', t, 'labelIds'], report);
    thread.messages.forEach((message, m) =>
      checkMessage(thread.messages, m, ['mail', 'threads', t, 'messages', m], seen, report),
    );
  });
}

interface MailSeen {
  knownLabels: ReadonlySet<string>;
  ours: ReadonlySet<string>;
  messageIds: Map<string, string>;
  headerIds: Map<string, string>;
}

type FixtureMessage = Workspace['mail']['threads'][number]['messages'][number];

function checkMessage(
  messages: readonly FixtureMessage[],
  m: number,
  base: Path,
  seen: MailSeen,
  report: Report,
): void {
  const message = messages[m];
  if (message === undefined) return;
  const where = formatPath(base);
  checkUnique(seen.messageIds, message.id, where, [...base, 'id'], 'message id', report);
  checkUnique(
    seen.headerIds,
    message.messageIdHeader,
    where,
    [...base, 'messageIdHeader'],
    'Message-ID',
    report,
  );
  checkLabelIds(message.labelIds, seen.knownLabels, [...base, 'labelIds'], report);
  const people = [message.from, ...message.to, ...message.cc].map(extractHeaderAddress);
  if (!people.some((address) => seen.ours.has(address))) {
    report(
      [...base, 'from'],
      'neither the sender nor any recipient is in mail.ourAddresses, so this message could not be in our mailbox',
    );
  }
  const previous = messages[m - 1];
  if (previous !== undefined && Date.parse(message.sentAt) < Date.parse(previous.sentAt)) {
    report(
      [...base, 'sentAt'],
      `messages must be oldest first: ${message.sentAt} is before the previous message (${previous.sentAt})`,
    );
  }
}

function checkUnique(
  seen: Map<string, string>,
  key: string,
  where: string,
  path: Path,
  what: string,
  report: Report,
): void {
  const first = seen.get(key);
  if (first === undefined) seen.set(key, where);
  else report(path, `duplicate ${what} "${key}" (first used at ${first})`);
}

function checkLabelIds(
  labelIds: readonly string[],
  known: ReadonlySet<string>,
  base: Path,
  report: Report,
): void {
  labelIds.forEach((labelId, index) => {
    if (!known.has(labelId))
      report(
        [...base, index],
        `unknown label id "${labelId}": declare it in mail.labels or use a system label such as INBOX`,
      );
  });
}

function checkDrive(ws: Workspace, report: Report): void {
  const { folders, files } = ws.drive;
  const all = [
    ...folders.map((f, i) => ({ id: f.id, path: ['drive', 'folders', i] as Path })),
    ...files.map((f, i) => ({ id: f.id, path: ['drive', 'files', i] as Path })),
  ];
  const seen = new Map<string, string>();
  for (const item of all)
    checkUnique(seen, item.id, formatPath(item.path), [...item.path, 'id'], 'Drive id', report);
  const folderById = new Map(folders.map((f) => [f.id, f]));
  folders.forEach((folder, index) => {
    if (folder.parentId === null) return;
    if (!folderById.has(folder.parentId))
      report(
        ['drive', 'folders', index, 'parentId'],
        `no folder with id "${folder.parentId}" in drive.folders`,
      );
    else if (hasCycle(folder.id, folderById))
      report(['drive', 'folders', index, 'parentId'], `folder "${folder.id}" is its own ancestor`);
  });
  files.forEach((file, index) => {
    if (!folderById.has(file.parentId))
      report(['drive', 'files', index, 'parentId'], `no folder with id "${file.parentId}" in drive.folders`);
  });
}

function hasCycle(startId: string, folderById: ReadonlyMap<string, { parentId: string | null }>): boolean {
  const visited = new Set<string>();
  let current: string | null = startId;
  while (current !== null) {
    if (visited.has(current)) return true;
    visited.add(current);
    current = folderById.get(current)?.parentId ?? null;
  }
  return false;
}

function checkSellerAddress(ws: Workspace, report: Report): void {
  const seller = ws.settings.seller.email.toLowerCase();
  if (!ws.mail.ourAddresses.includes(seller)) {
    report(['mail', 'ourAddresses'], `must include the seller's address settings.seller.email ("${seller}")`);
  }
}

/** Each allowlisted root must be a folder of the fixture, and each include/exclude path must exist below it. */
function checkDriveRules(ws: Workspace, report: Report): void {
  const folderById = new Map(ws.drive.folders.map((f) => [f.id, f]));
  ws.settings.drive.folders.forEach((rule, index) => {
    const base: Path = ['settings', 'drive', 'folders', index];
    if (!folderById.has(rule.folderId)) {
      report([...base, 'folderId'], `no folder with id "${rule.folderId}" in drive.folders`);
      return;
    }
    const below = new Set(
      listRelativeFolderPaths(rule.folderId, ws.drive.folders).map((p) => p.toLowerCase()),
    );
    for (const key of ['include', 'exclude'] as const) {
      rule[key].forEach((prefix, i) => {
        const normal = prefix
          .trim()
          .replace(/^\/+|\/+$/g, '')
          .toLowerCase();
        if (!below.has(normal))
          report(
            [...base, key, i],
            `no folder "${prefix}" below "${rule.name || rule.folderId}" in drive.folders`,
          );
      });
    }
  });
}

/** Every folder below the root as a path relative to it, e.g. "Case Studies/Confidential". */
export function listRelativeFolderPaths(
  rootId: string,
  folders: readonly { id: string; name: string; parentId: string | null }[],
): string[] {
  const out: string[] = [];
  const walk = (parentId: string, prefix: string, depth: number): void => {
    if (depth > folders.length) return;
    for (const child of folders.filter((f) => f.parentId === parentId)) {
      const path = prefix === '' ? child.name : `${prefix}/${child.name}`;
      out.push(path);
      walk(child.id, path, depth + 1);
    }
  };
  walk(rootId, '', 0);
  return out;
}

/** `crm.contacts[2].email`: the path style every problem uses. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}
