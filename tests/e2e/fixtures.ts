import { randomUUID } from 'node:crypto';
import {
  expect,
  test as base,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import type { Role } from '@/gql/graphql';
import { signInPage, signInRequest } from './helpers';

// Playwright fixtures for the browser journeys (README, "Tests"). Import `test` and `expect` from here:
//
//   test('…', async ({ page, signInAs, pageAs, createUser, mailDrained }) => { … });
//
// - signInAs(page, area, email[, password]): a session without the sign-in form — next-auth's credentials endpoint is
//   called through page.request, which shares the page's cookie jar — then the area's home is opened, where the form
//   would have landed. Only the journey that tests the form itself (portal.spec.ts) uses helpers.signIn.
// - pageAs(area, email[, password]): a page in a browser context of its own (another person at another desk), signed
//   in as above; closed when the test ends.
// - adminApi: an API request context signed in as the seeded administrator, for GraphQL set-up calls.
// - createUser({ role, departmentCode?, customerId? }): a user of this test's own through GraphQL createUser (as the
//   administrator), with a unique e-mail and password; sign in with signInAs/pageAs and its password.
// - mailDrained(): waits until the mail queues have nothing queued or running (GraphQL jobQueues), instead of a sleep.

export type Area = 'console' | 'portal';
export type CreatedUser = { id: string; email: string; password: string; role: Role };
export type NewUser = { role: Role; name?: string; departmentCode?: string; customerId?: string };

export const ADMIN_EMAIL = 'admin@kefu.demo';

type GraphqlBody<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

/** A GraphQL operation on a signed-in request context; fails the test on GraphQL errors. */
export async function graphqlRequest<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post('/api/graphql', { data: { query, variables } });
  const body = (await response.json()) as GraphqlBody<T>;
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Waits until the staff and customer mail queues have no job queued or running (delayed retries do not count). */
export async function waitForMailQueues(admin: APIRequestContext, timeout = 60_000) {
  await expect
    .poll(
      async () => {
        const { jobQueues } = await graphqlRequest<{
          jobQueues: { kind: string; queued: number; active: number }[];
        }>(admin, '{ jobQueues { kind queued active } }');
        return jobQueues
          .filter((q) => q.kind === 'STAFF_MAIL' || q.kind === 'CUSTOMER_MAIL')
          .reduce((sum, q) => sum + q.queued + q.active, 0);
      },
      { timeout, intervals: [100, 250, 500, 1_000], message: 'mail queues drained' },
    )
    .toBe(0);
}

type Fixtures = {
  signInAs: (page: Page, area: Area, email: string, password?: string) => Promise<void>;
  pageAs: (area: Area, email: string, password?: string) => Promise<Page>;
  adminApi: APIRequestContext;
  createUser: (user: NewUser) => Promise<CreatedUser>;
  mailDrained: (timeout?: number) => Promise<void>;
};

async function newSignedInPage(
  browser: Browser,
  contexts: BrowserContext[],
  area: Area,
  email: string,
  password?: string,
) {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signInPage(page, area, email, password);
  return page;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  signInAs: async ({}, use) => {
    await use(signInPage);
  },

  pageAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use((area, email, password) => newSignedInPage(browser, contexts, area, email, password));
    await Promise.all(contexts.map((context) => context.close()));
  },

  adminApi: async ({ playwright, baseURL }, use) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInRequest(admin, ADMIN_EMAIL);
    await use(admin);
    await admin.dispose();
  },

  createUser: async ({ adminApi }, use) => {
    let departments: { id: string; code: string }[] | undefined;
    await use(async ({ role, name, departmentCode, customerId }) => {
      let departmentId: string | undefined;
      if (departmentCode) {
        departments ??= (
          await graphqlRequest<{ departments: typeof departments }>(adminApi, '{ departments { id code } }')
        ).departments;
        departmentId = departments!.find((d) => d.code === departmentCode)?.id;
        expect(departmentId, `department ${departmentCode}`).toBeDefined();
      }
      const tag = randomUUID().slice(0, 8);
      const email = `e2e-${role.toLowerCase().replace(/_/g, '-')}-${tag}@kefu.test`;
      const password = `e2e-${randomUUID()}`;
      const { createUser } = await graphqlRequest<{ createUser: { id: string } }>(
        adminApi,
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
        { input: { email, password, name: name ?? `测试用户 ${tag}`, role, departmentId, customerId } },
      );
      return { id: createUser.id, email, password, role };
    });
  },

  mailDrained: async ({ adminApi }, use) => {
    await use((timeout) => waitForMailQueues(adminApi, timeout));
  },
});

export { expect };
