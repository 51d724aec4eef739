import { expect, test } from '@playwright/test';

test('/submit names every missing field at once, picks files in Chinese, and offers to copy the number', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/submit');
  const form = page.getByTestId('intake-form');
  await expect(form).toHaveAttribute('data-ready', 'true');

  // One click on submit: every required field says so, before anything is sent.
  await page.getByTestId('intake-submit').click();
  await expect(page.getByTestId('intake-form-error')).toBeVisible();
  await expect(page.getByTestId('intake-error-companyName')).toHaveText('公司名称必填');
  await expect(page.getByTestId('intake-error-contactName')).toHaveText('联系人必填');
  await expect(page.getByTestId('intake-error-contactPhone')).toHaveText('联系电话必填');
  await expect(page.getByTestId('intake-error-subject')).toHaveText('主题必填');
  await expect(page.getByTestId('intake-error-description')).toHaveText('详细描述必填');

  // The file picker speaks Chinese; chosen files are listed with name and size and can be removed.
  await expect(form.getByText('选择文件', { exact: true })).toBeVisible();
  await expect(form.getByText('未选择文件')).toBeVisible();
  await page.getByLabel('附件').setInputFiles([
    { name: '照片说明.txt', mimeType: 'text/plain', buffer: Buffer.from('批次 7 外观划伤') },
    { name: '多余.txt', mimeType: 'text/plain', buffer: Buffer.from('x') },
  ]);
  const files = page.getByTestId('intake-files');
  await expect(files).toContainText('照片说明.txt');
  await expect(files).toContainText('KB');
  await files.getByRole('button', { name: '移除 多余.txt' }).click();
  await expect(files).not.toContainText('多余.txt');
  await page
    .getByLabel('附件')
    .setInputFiles({ name: '程序.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(page.getByTestId('intake-error-attachments')).toHaveText('不支持的文件类型：程序.exe');

  await page.getByLabel('公司名称').fill('无锡来访机械有限公司');
  await page.getByLabel('联系人').fill('王先生');
  await page.getByLabel('联系电话').fill('0510-8888 6666');
  await page.getByLabel('主题').fill('外观划伤');
  await page.getByLabel('详细描述').fill('第 7 批次外壳表面有划伤。');
  await page.getByTestId('intake-submit').click();
  const number = page.getByTestId('intake-number');
  await expect(number).toHaveText(/^TS-\d{4}-\d{6}$/);
  await page.getByTestId('intake-copy-number').click();
  await expect(page.getByTestId('intake-copy-number')).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await number.textContent())!.trim());
});
