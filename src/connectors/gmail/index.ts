// The Gmail connector: the mail port on the Gmail API. The factory is the only export.
export { createGmailMail } from './create-gmail-mail.js';
export type { GmailMailOptions } from './create-gmail-mail.js';
