// Zod shapes for the Gmail responses we read (api-contracts.md 3), holding only the fields used.
// Optional where Gmail omits keys: `threads`/`drafts`/`messages` on an empty list, nextPageToken
// on the last page, `data` on a body that lives in an attachment.
import { z } from 'zod';

export const MessageHeader = z.object({ name: z.string(), value: z.string() });
export type MessageHeader = z.infer<typeof MessageHeader>;

export interface MessagePart {
  mimeType?: string | undefined;
  filename?: string | undefined;
  headers?: MessageHeader[] | undefined;
  body?: { size?: number | undefined; data?: string | undefined; attachmentId?: string | undefined } | undefined;
  parts?: MessagePart[] | undefined;
}

export const MessagePart: z.ZodType<MessagePart> = z.lazy(() =>
  z.object({
    mimeType: z.string().optional(),
    filename: z.string().optional(),
    headers: z.array(MessageHeader).optional(),
    body: z.object({ size: z.number().optional(), data: z.string().optional(), attachmentId: z.string().optional() }).optional(),
    parts: z.array(MessagePart).optional(),
  }),
);

export const Message = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).default([]),
  internalDate: z.string().regex(/^\d+$/),
  payload: MessagePart.optional(),
});
export type Message = z.infer<typeof Message>;

export const Thread = z.object({ id: z.string(), messages: z.array(Message).default([]) });
export type Thread = z.infer<typeof Thread>;

export const ThreadList = z.object({
  threads: z.array(z.object({ id: z.string(), snippet: z.string().default('') })).default([]),
  nextPageToken: z.string().optional(),
});
export type ThreadList = z.infer<typeof ThreadList>;

export const MessageList = z.object({
  messages: z.array(z.object({ id: z.string(), threadId: z.string() })).default([]),
  nextPageToken: z.string().optional(),
});
export type MessageList = z.infer<typeof MessageList>;

export const MessageRef = z.object({ id: z.string(), threadId: z.string() });

export const Draft = z.object({ id: z.string(), message: MessageRef });
export type Draft = z.infer<typeof Draft>;

export const DraftWithHeaders = z.object({
  id: z.string(),
  message: MessageRef.extend({ payload: z.object({ headers: z.array(MessageHeader).default([]) }).optional() }),
});
export type DraftWithHeaders = z.infer<typeof DraftWithHeaders>;

export const DraftList = z.object({ drafts: z.array(Draft).default([]), nextPageToken: z.string().optional() });
export type DraftList = z.infer<typeof DraftList>;

export const Label = z.object({ id: z.string(), name: z.string() });
export type Label = z.infer<typeof Label>;

export const LabelList = z.object({ labels: z.array(Label).default([]) });
