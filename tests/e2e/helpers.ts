import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'kefu-demo-2026';

/**
 * Signs in through the real sign-in form (console or portal). Only the journeys that test the form use it; the others
 * sign in with signInPage / the signInAs and pageAs fixtures (tests/e2e/fixtures.ts).
 */
export async function signIn(page: Page, area: 'console' | 'portal', email: string) {
  await page.goto(`/${area}/login`);
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${area}$`));
}

/**
 * Signs a request context (a page's own page.request — it shares the page's cookies — or a standalone one) in through
 * next-auth's credentials endpoint, without the form, and checks that the session names the user.
 */
export async function signInRequest(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(response.ok(), `sign-in of ${email} answered ${response.status()}`).toBe(true);
  const session = (await (await request.get('/api/auth/session')).json()) as { user?: { email?: string } };
  expect(session.user?.email, `session of ${email}`).toBe(email);
}

/** Signs `page` in without the form and opens the area's home, where the form lands on success. */
export async function signInPage(page: Page, area: 'console' | 'portal', email: string, password = DEMO_PASSWORD) {
  await signInRequest(page.request, email, password);
  await page.goto(`/${area}`);
  await expect(page).toHaveURL(new RegExp(`/${area}$`));
}

/** Runs a GraphQL operation with the page's session (sign in first); fails the test on GraphQL errors. */
export async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/api/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Moves the server's clock (KEFU_TEST_CLOCK=1 in the Playwright server) and optionally runs the escalation sweep. */
export async function moveServerClock(page: Page, offsetMs: number, sweep = false) {
  const response = await page.request.post('/api/test/clock', { data: { offsetMs, sweep } });
  expect(response.ok()).toBe(true);
  return (await response.json()) as { now: string; offsetMs: number; sweep: unknown };
}

export type LodgedComplaint = { id: string; number: string; version: number };

/** The demo customer lodges a complaint through the portal's API (in a context of its own, closed afterwards). */
export async function lodgeComplaint(browser: Browser, subject: string, description: string): Promise<LodgedComplaint> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInRequest(page.request, 'customer@kefu.demo');
  const { submitInteraction } = await graphql<{ submitInteraction: LodgedComplaint }>(
    page,
    'mutation ($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id number version } }',
    { input: { idempotencyKey: randomUUID(), type: 'COMPLAINT', subject, description } },
  );
  await context.close();
  return submitInteraction;
}

/** Triages a complaint as general and non-quality to the production department with handler@kefu.demo as owner. */
export async function triageToHandler(page: Page, complaint: LodgedComplaint): Promise<{ resolutionDueAt: string }> {
  const directory = await graphql<{
    departments: { id: string; code: string }[];
    users: { id: string; email: string }[];
  }>(page, '{ departments { id code } users { id email } }');
  const { triageComplaint } = await graphql<{ triageComplaint: { resolutionDueAt: string } }>(
    page,
    'mutation ($id: ID!, $version: Int!, $input: TriageInput!) { triageComplaint(id: $id, version: $version, input: $input) { resolutionDueAt } }',
    {
      id: complaint.id,
      version: complaint.version,
      input: {
        severity: 'GENERAL',
        causeClass: 'NON_QUALITY',
        triageResult: 'WITHIN_AUTHORITY',
        responsibleDepartmentId: directory.departments.find((d) => d.code === 'PROD')!.id,
        ownerId: directory.users.find((u) => u.email === 'handler@kefu.demo')!.id,
      },
    },
  );
  return triageComplaint;
}
