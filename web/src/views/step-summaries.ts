// A readable line or two for each step's stored output. Outputs are JSON the server wrote; every
// reader here is defensive (a field missing or renamed shows less, never crashes the page).

export const FORM_LEAD_STEPS = [
  'validate-submission', 'resolve-contact', 'research-prospect', 'search-threads', 'read-thread', 'recall-similar',
  'find-assets', 'propose-slots', 'plan-next-step', 'write-draft', 'create-gmail-draft', 'log-crm-activity', 'label-thread',
] as const;

export interface SummaryLine { label: string; value: string; href?: string }

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function line(label: string, value: string | null | undefined, href?: string): SummaryLine[] {
  return value ? [{ label, value, ...(href ? { href } : {}) }] : [];
}

const SUMMARIES: Record<string, (o: Obj) => SummaryLine[]> = {
  'validate-submission': (o) => [
    ...line('Lead', [str(o['firstName']), str(o['lastName'])].filter(Boolean).join(' ') || str(o['email'])),
    ...line('Email', str(o['email'])),
    ...line('Company', str(o['company'])),
    ...line('Message', str(o['message'])),
    ...line('Time zone', str(o['timeZone'])),
  ],
  'resolve-contact': (o) => {
    const contact = obj(o['contact']);
    const company = obj(o['company']);
    return [
      ...line('HubSpot contact', contact ? `${str(contact['id']) ?? '?'} (${o['isNewContact'] === true ? 'created' : 'existing'})` : null),
      ...line('Company', company ? `${str(company['name']) ?? '?'}${o['companyCreated'] === true ? ' (created)' : ''}` : null),
    ];
  },
  'research-prospect': (o) => {
    const company = obj(o['company']);
    return [
      ...line('Lifecycle stage', str(o['lifecycleStage'])),
      ...line('Company', company ? [str(company['name']), str(company['industry']), str(company['sizeBand'])].filter(Boolean).join(' · ') : null),
      ...line('Email', o['isPersonalEmail'] === true ? 'personal address' : 'business address'),
      ...line('Talking points', arr(o['talkingPoints']).map(String).join('; ')),
    ];
  },
  'search-threads': (o) => line('Threads found', String(arr(o['threads']).length)),
  'read-thread': (o) => {
    const insight = obj(o['insight']);
    if (!insight) return [{ label: 'Thread', value: 'no earlier conversation' }];
    return [
      ...line('Thread summary', str(insight['summary'])),
      ...line('Last spoke', str(insight['lastSpeaker'])),
      ...line('Open question', str(insight['unansweredQuestion'])),
      ...line('Topics', arr(insight['topics']).map(String).join(', ')),
    ];
  },
  'recall-similar': (o) => {
    const patterns = arr(o['patterns']).map(obj).filter((p): p is Obj => p !== null);
    return line('Similar outreach', patterns.length === 0 ? 'none matched' : patterns.map((p) => `${str(p['angle']) ?? '?'} (${str(p['outcome']) ?? ''})`).join('; '));
  },
  'find-assets': (o) => {
    const chosen = obj(o['chosen']);
    if (!chosen) return line('Asset', `none: ${str(o['reason']) ?? 'nothing eligible'}`);
    return [
      ...line('Asset', str(chosen['name']), str(chosen['url']) ?? undefined),
      ...line('Why', str(chosen['reason'])),
      ...line('Considered', `${num(o['eligible']) ?? '?'} eligible of ${num(o['considered']) ?? '?'} files`),
    ];
  },
  'propose-slots': (o) => {
    const slots = arr(o['slots']).map(obj).filter((s): s is Obj => s !== null);
    const seller = str(o['sellerTimeZone']);
    const display = str(o['displayTimeZone']);
    if (slots.length === 0) return line('Slots', `none: ${str(o['noSlotsReason']) ?? 'no free time'}`);
    return slots.map((s, i) => ({
      label: `Slot ${i + 1}`,
      value: seller === display ? `${str(s['sellerLabel']) ?? ''}` : `${str(s['label']) ?? ''} (prospect) · ${str(s['sellerLabel']) ?? ''} (seller)`,
    }));
  },
  'plan-next-step': (o) => [...line('Plan', str(o['action'])), ...line('Why', str(o['reason']))],
  'write-draft': (o) => {
    const draft = obj(o['draft']);
    return [
      ...line('Subject', draft ? str(draft['subject']) : null),
      ...line('Writer', str(o['writer'])),
      ...line('Lint', arr(o['lint']).length === 0 ? 'passes' : `${arr(o['lint']).length} problem(s)`),
    ];
  },
  'create-gmail-draft': (o) => [
    ...line('Gmail draft id', str(o['draftId'])),
    ...line('Thread', str(o['threadId'])),
    ...line('Threaded reply', o['threaded'] === false ? 'no (new thread)' : 'yes'),
  ],
  'log-crm-activity': (o) => {
    const task = obj(o['task']);
    const note = obj(o['note']);
    return [
      ...line('HubSpot task', task ? `${str(task['id']) ?? '?'}: ${str(task['subject']) ?? ''}` : null),
      ...line('Due', task && str(task['dueAt']) ? new Date(str(task['dueAt']) ?? '').toLocaleString() : null),
      ...line('HubSpot note', note ? str(note['id']) : null),
    ];
  },
  'label-thread': (o) => line('Label', str(o['label']) ? `${str(o['label']) ?? ''} on thread ${str(o['threadId']) ?? ''}` : null),
};

export function summarizeStep(stepId: string, status: string, output: unknown): SummaryLine[] {
  const o = obj(output);
  if (!o) return [];
  if (status === 'skipped') return line('Skipped', str(o['reason']) ?? 'nothing to do');
  try {
    return (SUMMARIES[stepId] ?? (() => []))(o);
  } catch {
    return [];
  }
}

/** Ids other views link out to: the HubSpot contact and task, from the steps' outputs. */
export function findCrmIds(steps: { stepId: string; output: unknown }[]): { contactId: string | null; taskId: string | null } {
  const out = (id: string): Obj | null => obj(steps.filter((s) => s.stepId === id).at(-1)?.output);
  const contact = obj(out('resolve-contact')?.['contact']);
  const task = obj(out('log-crm-activity')?.['task']);
  return { contactId: contact ? str(contact['id']) : null, taskId: task ? str(task['id']) : null };
}
