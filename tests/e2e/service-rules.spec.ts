import { expect, test } from './fixtures';
import { graphql } from './helpers';

// SPEC §4 "clocks are configurable, with business hours": the administrator opens 系统管理 → 服务规则, changes the
// resolution hours of the consultation rule and sees it saved (and in the recent changes), adds a holiday and sees it
// in the year's list, and finds 核决权限 and the escalation ladder as the engine reads them. The suite shares one server
// and database: the rule is put back and the holiday — far in the future, where no other journey's due times reach —
// removed again, so no other spec sees a changed clock.

const CONSULTATION = '咨询 / 任意 / 任意客户';
const HOLIDAY = '2099-01-05';

test('the admin edits an SLA rule and adds a holiday in 服务规则', async ({ page, signInAs }) => {
  await signInAs(page, 'console', 'admin@kefu.demo');
  await page.getByRole('link', { name: '服务规则', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/admin\/service-rules$/);
  await expect(page.getByRole('heading', { name: '服务规则', level: 1 })).toBeVisible();

  const row = page.locator(`[data-testid="sla-row"][data-rule="${CONSULTATION}"]`);
  await expect(row).toHaveCount(1);
  const before = (await row.getByTestId('sla-resolution').textContent())!.trim();
  expect(before).toBe('8 小时');

  try {
    await row.getByTestId('sla-edit').click();
    const dialog = page.getByTestId('sla-dialog');
    await expect(dialog).toBeVisible();
    // A resolution target shorter than the triage deadline: the server's message appears under the field.
    await dialog.getByTestId('sla-resolutionHours').fill('2');
    await page.getByTestId('sla-submit').click();
    await expect(dialog).toContainText('处理时限不能短于分派时限');
    await dialog.getByTestId('sla-resolutionHours').fill('12');
    await page.getByTestId('sla-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`规则已保存：${CONSULTATION}`)).toBeVisible();
    await expect(row.getByTestId('sla-resolution')).toHaveText('12 小时');
    await expect(page.getByTestId('rule-change').first()).toContainText('处理时限（工作小时）：8 → 12');
    // Saved, not just shown: a reload reads it back.
    await page.reload();
    await expect(row.getByTestId('sla-resolution')).toHaveText('12 小时');

    // Which rule a key account's crisis runs on, and why: the crisis rule's shorter targets win over the key-account rule.
    const preview = page.getByTestId('sla-preview');
    await preview.getByLabel('严重程度').selectOption('CRISIS');
    await preview.getByLabel('重要客户').check();
    const result = page.getByTestId('sla-preview-result');
    await expect(result).toContainText('适用：投诉 / 危机 / 任意客户');
    await expect(result).toContainText('同时适用：投诉 / 任意 / 重要客户');
    await expect(result).toContainText('每项时限取其中最短者');
  } finally {
    // Put the demo rule back for the other journeys.
    const { slaRules } = await graphql<{
      slaRules: {
        id: string;
        interactionType: string | null;
        severity: string | null;
        keyAccount: boolean | null;
        version: number;
        resolutionHours: number;
      }[];
    }>(
      page,
      `
        {
          slaRules {
            id
            interactionType
            severity
            keyAccount
            version
            resolutionHours
          }
        }
      `,
    );
    const rule = slaRules.find(
      (r) => r.interactionType === 'CONSULTATION' && r.severity === null && r.keyAccount === null,
    );
    if (rule && rule.resolutionHours !== 8) {
      await graphql(
        page,
        `
          mutation ($id: ID!, $version: Int!) {
            updateSlaRule(
              id: $id
              version: $version
              input: { interactionType: CONSULTATION, triageHours: 4, resolutionHours: 8, callbackDays: 7 }
            ) {
              id
            }
          }
        `,
        {
          id: rule.id,
          version: rule.version,
        },
      );
    }
  }

  try {
    await page.getByTestId('service-rules-tab-calendar').click();
    await expect(page.getByTestId('hours-form')).toBeVisible();
    await expect(page.getByTestId('hours-day-1')).toBeChecked();
    await expect(page.getByTestId('hours-day-6')).not.toBeChecked();

    // The demo calendar holds the State Council's 2026 schedule; importing it again adds nothing.
    await page.getByTestId('calendar-year').fill('2026');
    await expect(page.locator('[data-testid="calendar-row"][data-date="2026-10-01"]')).toContainText('国庆节');
    await expect(page.locator('[data-testid="calendar-row"][data-date="2026-02-14"]')).toContainText('春节调休上班');
    await page.getByTestId('calendar-import').click();
    await expect(
      page.getByText('已导入 2026 年法定节假日安排：新增 0 天，39 天已在日历中（保持不变）。'),
    ).toBeVisible();

    await page.getByTestId('calendar-add').click();
    const dialog = page.getByTestId('calendar-dialog');
    await dialog.getByTestId('calendar-from').fill(HOLIDAY);
    await dialog.getByTestId('calendar-name').fill('E2E 测试假日');
    await page.getByTestId('calendar-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('已添加 1 天。')).toBeVisible();
    await expect(page.getByTestId('calendar-year')).toHaveValue('2099');
    const day = page.locator(`[data-testid="calendar-row"][data-date="${HOLIDAY}"]`);
    await expect(day).toContainText('E2E 测试假日');
    await expect(day).toContainText('节假日（休息）');

    // Removing asks first; then the year is empty again.
    await day.getByTestId('calendar-remove').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText(HOLIDAY);
    await page.getByTestId('confirm-action').click();
    await expect(page.getByTestId('calendar-empty')).toContainText('2099 年还没有节假日或调休日');
  } finally {
    const { calendarDays } = await graphql<{ calendarDays: { date: string; version: number }[] }>(
      page,
      `
        {
          calendarDays(year: 2099) {
            date
            version
          }
        }
      `,
    );
    for (const d of calendarDays)
      await graphql(
        page,
        `
          mutation ($date: Date!, $version: Int!) {
            removeCalendarDay(date: $date, version: $version) {
              date
            }
          }
        `,
        d,
      );
  }

  // 核决权限与升级: read as saved (the demo runs on the defaults), shown per severity with the overdue ladder.
  await page.getByTestId('service-rules-tab-authority').click();
  await expect(page.getByTestId('authority-CRISIS-approve-EXECUTIVE')).toBeChecked();
  await expect(page.getByTestId('authority-CRISIS-approve-QUALITY_MANAGER')).not.toBeChecked();
  await expect(page.getByTestId('escalation-ladder')).toContainText('逾期 8 小时');
  await expect(page.getByTestId('rule-changes')).toContainText('E2E 测试假日');
});
