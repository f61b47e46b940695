// The dashboard end to end, in headless Chromium against the real service: sign in, a signed webhook's
// run appearing and finishing live, its 13 steps, a draft edited into a lint problem and back, approved,
// a viewer refused, a failed run retried, SEND switched on with its banner. Screenshots of each view.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningService } from '../../src/cli/compose-service.js';
import { PermanentError } from '../../src/domain/errors.js';
import {
  demoConnectorsOf, ensureDashboardBuilt, hasChromium, launchChromium, postSignedLead, screenshotPath, SCREENSHOTS,
  startDashboardService,
} from './dashboard-harness.js';

const ADMIN = { email: 'admin@e2e.example', password: 'correct horse battery staple' };
const VIEWER = { email: 'viewer@e2e.example', password: 'viewer password 123' };
const skip = !hasChromium() && process.env['CI'] !== 'true' ? 'Chromium is not installed at /usr/bin/chromium' : false;

async function signIn(page: Page, url: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Runs' }).waitFor();
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

describe('the dashboard in a browser', { skip, timeout: 180_000 }, () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let url: string;
  let firstRunId: string | undefined;

  before(async () => {
    ensureDashboardBuilt();
    service = await startDashboardService();
    url = service.url ?? '';
    for (const [who, role] of [[ADMIN, 'admin'], [VIEWER, 'viewer']] as const) {
      const added = await service.auth.addUser({ tenantId: 'default', email: who.email, role, password: who.password });
      assert.ok(added.ok, JSON.stringify(added));
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    console.log(`screenshots: ${SCREENSHOTS}`);
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('asks for a sign-in, refuses a wrong password, and signs in', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in to Sales Agent' }).waitFor();
    await page.screenshot({ path: screenshotPath('01-sign-in') });
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('the email or password is wrong').waitFor();
    await signIn(page, url, ADMIN);
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
  });

  it('shows a signed webhook run appear and finish without reloading', async () => {
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    const posted = await postSignedLead(service, { submissionId: 'e2e-sub-1', email: 'dana.live@e2e-prospect.example' });
    assert.equal(posted.status, 202);
    firstRunId = posted.runId;
    const row = page.locator('[data-testid=run-row]', { hasText: 'dana.live@e2e-prospect.example' });
    await row.waitFor();
    await page.locator('[data-testid=run-row][data-status=succeeded]', { hasText: 'dana.live@e2e-prospect.example' }).waitFor({ timeout: 60_000 });
    assert.deepEqual(navigations, [], 'the page never reloaded');
    await page.locator('[data-testid=count-succeeded]', { hasText: '1' }).waitFor();
    await page.screenshot({ path: screenshotPath('02-runs') });
  });

  it('opens the run and shows all 13 steps with their summaries', async () => {
    await page.getByRole('link', { name: 'dana.live@e2e-prospect.example' }).click();
    await page.getByRole('heading', { name: 'Steps' }).waitFor();
    const steps = page.locator('[data-testid=step]');
    assert.equal(await steps.count(), 13);
    assert.equal(await page.locator('[data-testid=step][data-status=succeeded]').count(), 13);
    await page.getByText('Thread', { exact: false }).first().waitFor();
    await page.getByText('open in Gmail', { exact: false }).waitFor();
    await page.screenshot({ path: screenshotPath('03-run-detail'), fullPage: true });
  });

  it('edits the draft into a lint problem, sees it, fixes it and approves it', async () => {
    await nav(page, 'Drafts');
    await page.locator('[data-testid=draft-item]', { hasText: 'dana.live@e2e-prospect.example' }).getByRole('button').click();
    await page.getByTestId('draft-preview').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const body = page.getByTestId('edit-body');
    const original = await body.inputValue();
    await body.fill(`${original}\n\nOne more thing \u2014 we also do onboarding.`);
    await page.getByRole('button', { name: 'Save and re-lint' }).click();
    await page.getByTestId('lint-problems').getByText('dash').waitFor();
    await page.screenshot({ path: screenshotPath('04-draft-lint-problem'), fullPage: true });
    await body.fill(original);
    await page.getByRole('button', { name: 'Save and re-lint' }).click();
    await page.getByTestId('lint-ok').waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('tab', { name: /approved/ }).and(page.locator('[aria-selected=true]')).waitFor();
    await page.locator('[data-testid=draft-count-approved]', { hasText: '1' }).waitFor();
    await page.screenshot({ path: screenshotPath('05-drafts-approved'), fullPage: true });
  });

  it('refuses a viewer: read-only screens, and the API answers 403', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewer = await context.newPage();
    try {
      await signIn(viewer, url, VIEWER);
      await nav(viewer, 'Drafts');
      await viewer.getByRole('tab', { name: /approved/ }).click();
      await viewer.locator('[data-testid=draft-item]').first().getByRole('button').click();
      await viewer.getByText('Read-only: your role (viewer)').waitFor();
      // Runs in the page: the viewer's own session cookie and CSRF token, straight at the API.
      const refused: { status: number; body: { code: string; message: string } } = await viewer.evaluate(async (draftPath) => {
        const page = globalThis as unknown as { document: { cookie: string } };
        const csrf = /sa_csrf=([^;]*)/.exec(page.document.cookie)?.[1] ?? '';
        const response = await fetch(draftPath, { method: 'POST', headers: { 'x-csrf-token': csrf } });
        return { status: response.status, body: (await response.json()) as { code: string; message: string } };
      }, `/api/runs/${firstRunId ?? ''}/retry`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'forbidden');
      assert.match(refused.body.message, /viewer/);
      await viewer.screenshot({ path: screenshotPath('06-viewer-read-only'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('shows a failed run among the errors and retries it', async () => {
    demoConnectorsOf(service).faults.failNext('calendar', 'getBusy', new PermanentError('calendar refused the free/busy query (injected by the test)'));
    const posted = await postSignedLead(service, { submissionId: 'e2e-sub-2', email: 'erin.fails@e2e-prospect.example' });
    assert.equal(posted.status, 202);
    await nav(page, 'Runs');
    await page.locator('[data-testid=run-row][data-status=failed]', { hasText: 'erin.fails@e2e-prospect.example' }).waitFor({ timeout: 60_000 });
    await nav(page, 'Errors');
    const group = page.getByTestId('failure-group').filter({ hasText: 'injected by the test' });
    await group.waitFor();
    await page.screenshot({ path: screenshotPath('07-errors'), fullPage: true });
    await group.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByText('No failed runs').waitFor({ timeout: 60_000 });
    await page.goto(`${url}/runs/${encodeURIComponent(posted.runId ?? '')}`);
    await page.locator('[data-testid=step][data-step=propose-slots][data-status=succeeded]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=step][data-step=propose-slots]').getByText('Attempt 1').waitFor();
  });

  it('switches to SEND with the confirmation phrase and shows the banner', async () => {
    await nav(page, 'Settings');
    await page.getByTestId('mode').waitFor();
    assert.equal(await page.getByTestId('send-banner').count(), 0);
    await page.getByTestId('send-phrase').fill('I_UNDERSTAND_EMAILS_WILL_BE_SENT');
    await page.getByRole('button', { name: 'Turn on SEND' }).click();
    await page.getByTestId('send-banner').waitFor();
    assert.equal(await page.getByTestId('mode').textContent(), 'SEND');
    await page.getByRole('complementary', { name: 'Sample draft' }).getByText('Would one of').waitFor();
    await page.screenshot({ path: screenshotPath('08-settings-send-on'), fullPage: true });
  });

  it('finds the mode change in the audit log by action and actor', async () => {
    await nav(page, 'Audit log');
    await page.getByLabel('Action').fill('settings.');
    await page.getByLabel('Actor').fill(`user:${ADMIN.email}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('[data-testid=audit-row]', { hasText: 'settings.mode-changed' }).waitFor();
    await page.screenshot({ path: screenshotPath('09-audit'), fullPage: true });
  });

  it('stays readable in a narrow window', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    await nav(page, 'Runs');
    await page.locator('[data-testid=run-row]').first().waitFor();
    await page.screenshot({ path: screenshotPath('10-runs-narrow'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
