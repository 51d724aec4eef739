import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { loadApprovalAuthority } from '@/graphql/complaints/complaint.service';
import { updateApprovalAuthority, updateBusinessHours } from '@/graphql/service-rules/service-rules.service';
import { CONFIG_TTL_MS, invalidateConfigCache, readSettingValue } from '@/server/config-cache';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { captureStatements } from '../helpers/statements';

// The business calendar and the settings are read from the database once, not on every request; a change made through
// the service rules is seen at once, one made by another instance within the TTL — also by a second copy of the
// server modules in the same process (Next's bundle beside a server loaded with tsx).

let manager: Viewer;
beforeAll(async () => {
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
});
afterEach(() => {
  vi.restoreAllMocks();
  invalidateConfigCache();
});

const settingReads = async (run: () => Promise<unknown>) =>
  (await captureStatements(run)).filter((s) => /FROM "(public"\.")?(Setting|CalendarDay)"/.test(s.text)).length;

describe('the configuration cache', () => {
  it('reads the calendar and a setting once; later requests read no configuration', async () => {
    expect(await settingReads(() => loadBusinessCalendar())).toBe(2); // businessHours + the calendar days
    expect(
      await settingReads(() => Promise.all([loadBusinessCalendar(), loadBusinessCalendar(), loadApprovalAuthority()])),
    ).toBe(1);
    expect(await settingReads(() => Promise.all([loadBusinessCalendar(), loadApprovalAuthority()]))).toBe(0);
  });

  it('a change through the service rules is seen at once; one by another instance after the TTL', async () => {
    expect((await loadBusinessCalendar()).start).toBe('08:30'); // the default, now cached
    await updateBusinessHours(manager, 0, {
      timeZone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
    });
    expect((await loadBusinessCalendar()).start).toBe('09:00');

    // Another instance changes the row: this one keeps its copy until the TTL has passed.
    await prisma.setting.update({
      where: { key: 'businessHours' },
      data: { value: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '07:45', end: '16:45' } },
    });
    expect((await loadBusinessCalendar()).start).toBe('09:00');
    const later = performance.now() + CONFIG_TTL_MS + 1;
    vi.spyOn(performance, 'now').mockReturnValue(later);
    expect((await loadBusinessCalendar()).start).toBe('07:45');
  });

  it('lives on globalThis: a second copy of the modules shares it, and an invalidation through either reaches both', async () => {
    expect(await loadApprovalAuthority()).toMatchObject({ MAJOR: { approve: ['QUALITY_MANAGER', 'EXECUTIVE'] } });
    vi.resetModules();
    const copy = {
      cache: await import('@/server/config-cache'),
      complaints: await import('@/graphql/complaints/complaint.service'),
    };
    expect(copy.complaints.loadApprovalAuthority).not.toBe(loadApprovalAuthority); // really another module instance
    expect(await settingReads(() => copy.complaints.loadApprovalAuthority())).toBe(0);

    // Saved through this copy of the service rules: the other copy's workflow applies it at once.
    const current = await prisma.setting.findUnique({ where: { key: 'approvalAuthority' } });
    const rules = (['GENERAL', 'MAJOR', 'CRISIS'] as const).map((severity) => ({
      severity,
      approve: ['EXECUTIVE'],
      close: ['QUALITY_MANAGER'],
    }));
    await updateApprovalAuthority(manager, current?.version ?? 0, rules);
    expect(await copy.complaints.loadApprovalAuthority()).toMatchObject({ MAJOR: { approve: ['EXECUTIVE'] } });

    // And an invalidation through the other copy reaches this one.
    await prisma.setting.update({
      where: { key: 'approvalAuthority' },
      data: { value: { GENERAL: { approve: ['SERVICE_MANAGER'], close: ['QUALITY_MANAGER'] } } },
    });
    expect(await loadApprovalAuthority()).toMatchObject({ MAJOR: { approve: ['EXECUTIVE'] } });
    copy.cache.invalidateConfigCache();
    expect(await loadApprovalAuthority()).toMatchObject({ GENERAL: { approve: ['SERVICE_MANAGER'] } });
  });

  it('an invalidation drops a read still in flight, which may have seen the row before the change', async () => {
    const first = readSettingValue('surveyLowScore');
    invalidateConfigCache();
    const second = readSettingValue('surveyLowScore');
    expect(second).not.toBe(first);
    await Promise.all([first, second]);
    expect(readSettingValue('surveyLowScore')).toBe(second);
  });

  it('inside a transaction a cold cache is read through the transaction (the embedded database runs one at a time) and kept', async () => {
    const value = await prisma.$transaction(async (tx) => {
      // Another connection's read would wait for this transaction on the embedded database: this one must not.
      const read = readSettingValue('businessHours', tx);
      return read;
    });
    expect(value).toMatchObject({ start: expect.any(String) });
    expect(await settingReads(() => readSettingValue('businessHours'))).toBe(0);
  });
});
