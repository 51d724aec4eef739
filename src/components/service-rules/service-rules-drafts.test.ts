import { describe, expect, it } from 'vitest';
import { authorityProblems, hoursProblems } from './service-rules-drafts';

describe('service-rules form checks', () => {
  const hours = { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30', timeZone: 'Asia/Shanghai' };

  it('accept the company hours and name each problem', () => {
    expect(hoursProblems(hours)).toEqual({});
    expect(hoursProblems({ ...hours, days: [], start: '8:30', timeZone: ' ' })).toEqual({
      days: 'days',
      start: 'time',
      timeZone: 'timeZone',
    });
    expect(hoursProblems({ ...hours, end: '08:00' })).toEqual({ end: 'order' });
    // The server's shape of a time: a day may end at midnight.
    expect(hoursProblems({ ...hours, end: '24:00' })).toEqual({});
  });

  it('find a severity without an approver or a closer', () => {
    expect(
      authorityProblems({
        GENERAL: { approve: ['QUALITY_MANAGER'], close: [] },
        MAJOR: { approve: [], close: ['EXECUTIVE'] },
      }),
    ).toEqual(['GENERAL.close', 'MAJOR.approve']);
  });
});
