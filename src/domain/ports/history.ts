// Our own record of past outreach, for recall-similar. It returns abstracted patterns only (angle,
// call to action, outcome), never another client's names, figures or text.

export interface PastOutreach {
  id: string;
  industry: string | null;
  companySize: 'small' | 'mid' | 'large' | null;
  topics: string[];
  /** The angle that was used, written without any client detail, e.g. "offered a 30-minute pricing walkthrough". */
  angle: string;
  cta: 'book-meeting' | 'send-asset' | 'answer-question';
  outcome: 'replied' | 'meeting-booked' | 'no-reply';
  /** The company the outreach went to; used only to exclude it, never copied into a draft. */
  companyName: string | null;
}

export interface OutreachHistoryPort {
  listPastOutreach(): Promise<PastOutreach[]>;
}
