// DRAFT_ONLY and SEND through the REST API. In DRAFT_ONLY an approved draft is never sent; in SEND each
// re-check at the moment of sending refuses with its own reason, and a send that passes them all sends
// exactly once. The service runs in this process so the test can reach the demo mail and CRM fakes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FakeCrm } from '../../src/connectors/demo/index.js';
import { SEND_CONFIRMATION_PHRASE } from '../../src/domain/settings.js';
import { describeWithPostgres } from '../../src/testing/describe-with-postgres.js';
import { openTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { startInProcessService, type InProcessService } from '../support/in-process-service.js';
import { openPgProbe, type PgProbe } from '../support/pg-probe.js';
import { createApiClient, type ApiClient } from '../support/service-api.js';
import { formSubmissionBody, postSignedForm } from '../support/signed-webhook.js';

interface Draft {
  id: string;
  runId: string;
  to: string;
  state: string;
}
type SettingsDocument = { sending: Record<string, unknown>; safety: { suppressed: string[] } } & Record<
  string,
  unknown
>;

const TIMEOUT = { timeout: 120_000 };

/** Test-only stand-in for a contact opting out in the CRM after the draft was written. */
function optOutInCrm(crm: FakeCrm, email: string): void {
  const find = crm.findContactByEmail.bind(crm);
  crm.findContactByEmail = async (address) => {
    const contact = await find(address);
    return contact !== null && address.toLowerCase() === email.toLowerCase()
      ? { ...contact, emailOptOut: true }
      : contact;
  };
}

/** The steps of these tests, over the API of the service `get()` returns (set in before()). */
function sendingHarness(get: () => { url: string; api: ApiClient }) {
  const url = (): string => get().url;
  const call = <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
    get().api.call<T>(method, path, body);
  return {
    /** A new lead from `email` (default: a fresh address), run to its pending draft. */
    async draftFor(
      label: string,
      email = `${label}-${randomUUID().slice(0, 8)}@cascadefreight.example`,
    ): Promise<Draft> {
      const answer = await postSignedForm(url(), formSubmissionBody({ submissionId: randomUUID(), email }));
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      const detail = await get().api.waitForRunToFinish(answer.body.runId!);
      assert.equal(detail.run.status, 'succeeded', `the ${label} lead's run`);
      assert.ok(detail.draft, `the ${label} lead has a draft`);
      return { ...detail.draft, runId: detail.run.id };
    },
    async approve(draft: Draft): Promise<void> {
      const answer = await call<{ draft: Draft }>('POST', `/api/drafts/${draft.id}/approve`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.draft.state, 'approved');
    },
    send: (draft: Draft) =>
      call<{ code?: string; check?: string; draft?: Draft }>('POST', `/api/drafts/${draft.id}/send`),
    async state(draft: Draft): Promise<string> {
      return (await call<{ draft: Draft }>('GET', `/api/drafts/${draft.id}`)).body.draft.state;
    },
    async updateSettings(change: (settings: SettingsDocument) => void): Promise<void> {
      const current = await call<{ settings: SettingsDocument; version: number }>('GET', '/api/settings');
      change(current.body.settings);
      const saved = await call('PUT', '/api/settings', {
        settings: current.body.settings,
        version: current.body.version,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    },
    setMode: (mode: 'SEND' | 'DRAFT_ONLY', confirmation?: string) =>
      call<{ settings?: SettingsDocument; code?: string }>(
        'POST',
        '/api/settings/mode',
        confirmation === undefined ? { mode } : { mode, confirmation },
      ),
  };
}

/** Asserts a 409 send-refused naming `check`, with the draft still approved and nothing sent for it. */
async function assertRefused(
  h: ReturnType<typeof sendingHarness>,
  probe: PgProbe,
  draft: Draft,
  check: string,
  expectedState = 'approved',
): Promise<void> {
  const answer = await h.send(draft);
  assert.equal(answer.status, 409, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'send-refused');
  assert.equal(answer.body.check, check);
  assert.equal(await h.state(draft), expectedState);
  assert.deepEqual(await probe.sideEffects(draft.runId, 'mail.send'), []);
}

describeWithPostgres('sending: DRAFT_ONLY, then SEND with every re-check', (postgresUrl) => {
  let database: TestDatabase;
  let probe: PgProbe;
  let running: InProcessService;
  let api: ApiClient;
  const h = sendingHarness(() => ({ url: running.url, api }));
  const sent = () => running.connectors().mail.listSent();

  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    probe = openPgProbe(database.url!);
    running = await startInProcessService({ DATABASE_URL: database.url! });
    api = createApiClient(running.url, await running.apiKey());
  });

  after(async () => {
    await running?.service.stop();
    await probe?.close();
    await database?.drop();
  });

  it(
    'in DRAFT_ONLY (the default) refuses to send an approved draft, and nothing is sent',
    TIMEOUT,
    async () => {
      const settings = await api.call<{ settings: SettingsDocument }>('GET', '/api/settings');
      assert.equal(settings.body.settings.sending['mode'], 'DRAFT_ONLY');
      const draft = await h.draftFor('draft-only');
      await h.approve(draft);
      await assertRefused(h, probe, draft, 'draft-only-mode');
      assert.deepEqual(sent(), []);
    },
  );

  it('turns SEND on only with the confirmation phrase', TIMEOUT, async () => {
    const withoutPhrase = await h.setMode('SEND');
    assert.equal(withoutPhrase.status, 422);
    const wrongPhrase = await h.setMode('SEND', 'yes please');
    assert.equal(wrongPhrase.status, 422);
    const confirmed = await h.setMode('SEND', SEND_CONFIRMATION_PHRASE);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.settings?.sending['mode'], 'SEND');
  });

  it('refuses a draft that was not approved', TIMEOUT, async () => {
    const draft = await h.draftFor('not-approved');
    await assertRefused(h, probe, draft, 'not-approved', 'pending');
  });

  it('refuses when the prospect replied after the draft was written', TIMEOUT, async () => {
    const draft = await h.draftFor('replied');
    await h.approve(draft);
    running
      .connectors()
      .mail.deliverInbound({
        threadId: null,
        from: draft.to,
        subject: 'Re: forecasting',
        body: 'Actually, call me instead.',
      });
    await assertRefused(h, probe, draft, 'prospect-replied');
  });

  it('refuses an address that was suppressed after the draft was written', TIMEOUT, async () => {
    const draft = await h.draftFor('suppressed');
    await h.approve(draft);
    await h.updateSettings((s) => void s.safety.suppressed.push(draft.to));
    await assertRefused(h, probe, draft, 'suppressed');
  });

  it('refuses a contact who opted out of email in the CRM', TIMEOUT, async () => {
    const draft = await h.draftFor('unsubscribed');
    await h.approve(draft);
    optOutInCrm(running.connectors().crm, draft.to);
    await assertRefused(h, probe, draft, 'unsubscribed');
  });

  it(
    "refuses while the tenant's kill switch is on, and then sends once when every check holds",
    TIMEOUT,
    async () => {
      const email = `sent-${randomUUID().slice(0, 8)}@cascadefreight.example`;
      const draft = await h.draftFor('sent', email);
      // A second lead from the same address, drafted before the first email goes out (for the contact cap).
      const second = await h.draftFor('sent-again', email);
      await h.approve(draft);
      await h.approve(second);

      await h.updateSettings((s) => void (s.sending['killSwitch'] = true));
      await assertRefused(h, probe, draft, 'kill-switch');
      await h.updateSettings((s) => void (s.sending['killSwitch'] = false));

      const answer = await h.send(draft);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.draft?.state, 'sent');
      assert.deepEqual(
        sent().map((m) => m.to),
        [email],
      );
      const sends = await probe.sideEffects(draft.runId, 'mail.send');
      assert.deepEqual(
        sends.map((s) => s.status),
        ['done'],
      );

      await assertRefused(h, probe, second, 'contact-cap');
    },
  );

  it('refuses once the daily cap of the mailbox is reached', TIMEOUT, async () => {
    await h.updateSettings((s) => void (s.sending['dailyCapPerMailbox'] = 1));
    const draft = await h.draftFor('daily-cap');
    await h.approve(draft);
    await assertRefused(h, probe, draft, 'daily-cap');
    assert.equal(sent().length, 1, 'only the one send that passed every check reached the mail fake');
  });
});

describeWithPostgres('sending with the global kill switch (SEND_KILL_SWITCH=1)', (postgresUrl) => {
  let database: TestDatabase;
  let probe: PgProbe;
  let running: InProcessService;
  let api: ApiClient;
  const h = sendingHarness(() => ({ url: running.url, api }));

  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    probe = openPgProbe(database.url!);
    running = await startInProcessService({ DATABASE_URL: database.url!, SEND_KILL_SWITCH: '1' });
    api = createApiClient(running.url, await running.apiKey());
  });

  after(async () => {
    await running?.service.stop();
    await probe?.close();
    await database?.drop();
  });

  it('refuses to turn SEND on, and refuses to send an approved draft', TIMEOUT, async () => {
    const refused = await h.setMode('SEND', SEND_CONFIRMATION_PHRASE);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    const settings = await api.call<{ settings: SettingsDocument; globalKillSwitch: boolean }>(
      'GET',
      '/api/settings',
    );
    assert.equal(settings.body.globalKillSwitch, true);
    assert.equal(settings.body.settings.sending['mode'], 'DRAFT_ONLY');

    const draft = await h.draftFor('global-kill');
    await h.approve(draft);
    await assertRefused(h, probe, draft, 'kill-switch');
    assert.deepEqual(running.connectors().mail.listSent(), []);
  });
});
