import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { graphql, lodgeComplaint, moveServerClock, triageToHandler } from './helpers';

// The bell (SPEC §4: escalations notify in-app): after the clock moves past a complaint's resolution due time, the
// escalation sweep notifies its owner; the owner's bell counts it, the popover lists it, choosing it opens the
// complaint's workbench and the count drops. Other journeys share the server and database, so nothing here depends on
// global counts: the owner's notifications are marked read first and only this complaint's entry is looked for.
const DAYS = 24 * 3600 * 1000;
const OFFSET = 21 * DAYS; // past a general complaint's 40 business hours, whatever weekends and holidays fall in

test.afterEach(async ({ request }) => {
  await request.post('/api/test/clock', { data: { offsetMs: 0 } });
});

const badgeCount = async (page: Page) => {
  const badge = page.getByTestId('notification-badge');
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.replace('+', ''));
};

test("an escalation shows in the owner's bell, opens the complaint and is then read", async ({ browser, pageAs }) => {
  const page = await pageAs('console', 'handler@kefu.demo');
  // Let everything else already in the database take its steps at this offset first, so this complaint's notification
  // is among the newest after the next sweep; then start from no unread notifications.
  await moveServerClock(page, OFFSET, true);
  await moveServerClock(page, 0);
  await graphql(page, 'mutation { markAllNotificationsRead }');

  const subject = `喷涂色差 ${randomUUID().slice(0, 8)}`;
  const complaint = await lodgeComplaint(browser, subject, '第 9 批次外壳喷涂色差明显，客户拒收。');
  const agentPage = await pageAs('console', 'agent@kefu.demo');
  await triageToHandler(agentPage, complaint);
  await agentPage.context().close();

  await moveServerClock(page, OFFSET, true);
  await page.goto('/console');
  const bell = page.getByTestId('notification-bell');
  await expect(page.getByTestId('notification-badge')).toBeVisible();
  const before = await badgeCount(page);
  expect(before).toBeGreaterThan(0);

  // The popover opens on click and closes with Escape, giving focus back to the bell.
  await bell.click();
  const popover = page.getByRole('dialog', { name: '通知' });
  const item = popover.getByTestId('notification-item').filter({ hasText: complaint.number }).first();
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute('data-unread', 'true');
  // The triage itself told the owner first (a hand-off, not an escalation).
  await expect(
    popover.getByTestId('notification-item').filter({ hasText: `投诉已分派给您：${complaint.number}` }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(bell).toBeFocused();

  await bell.click();
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/console/complaints/${complaint.id}$`));
  await expect(page.getByTestId('complaint-number')).toHaveText(complaint.number);
  await expect.poll(() => badgeCount(page)).toBe(before - 1);

  // The notifications page lists it, now read.
  await page.goto('/console/notifications');
  await expect(page.getByTestId('notification-row').filter({ hasText: complaint.number }).first()).toBeVisible();
  await page.context().close();
});
