import { expect, test } from './fixtures';

// The fixtures themselves (tests/e2e/fixtures.ts): a user of the test's own, created through GraphQL as the seeded
// administrator, signs in without the form and works in the console under their role; the mail queues drain.
test('a user created through the API signs in without the form and sees the console of their role', async ({
  createUser,
  pageAs,
  mailDrained,
}) => {
  const agent = await createUser({ role: 'SERVICE_AGENT', departmentCode: 'PROD' });
  const page = await pageAs('console', agent.email, agent.password);
  await expect(page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '客户信息' })).toBeVisible();
  await page.goto('/console/admin/users');
  await expect(page.getByTestId('no-permission')).toBeVisible(); // an agent, not an administrator
  await mailDrained();
});
