import { describe, expect, it } from 'vitest';
import { EMPTY_VIEW, filterOf, isFiltered, paramsWithView, viewFromParams } from './complaint-queue-params';

describe('complaint queue URL parameters', () => {
  it('round-trips a full view through the URL and keeps other parameters', () => {
    const view = {
      severity: ['CRISIS', 'MAJOR'] as const,
      causeClass: ['QUALITY'] as const,
      departmentId: 'd1',
      ownerId: 'u1',
      keyAccount: false,
      search: ' TS-2026 ',
      sort: 'NEWEST' as const,
    };
    const params = paramsWithView(new URLSearchParams('queue=OVERDUE'), {
      ...view,
      severity: [...view.severity],
      causeClass: [...view.causeClass],
    });
    expect(params.get('queue')).toBe('OVERDUE');
    expect(params.toString()).toBe(
      'queue=OVERDUE&severity=CRISIS%2CMAJOR&cause=QUALITY&dept=d1&owner=u1&ka=0&q=TS-2026&sort=NEWEST',
    );
    expect(viewFromParams(params)).toEqual({
      ...view,
      severity: ['CRISIS', 'MAJOR'],
      causeClass: ['QUALITY'],
      search: 'TS-2026',
    });
  });

  it('drops unknown values and writes nothing for the default view', () => {
    expect(viewFromParams(new URLSearchParams('severity=HUGE,CRISIS&cause=x&ka=maybe&sort=RANDOM'))).toEqual({
      ...EMPTY_VIEW,
      severity: ['CRISIS'],
    });
    expect(paramsWithView(new URLSearchParams('queue=MINE&sort=NEWEST&q=x'), EMPTY_VIEW).toString()).toBe('queue=MINE');
  });

  it('builds the GraphQL filter only from the criteria that narrow', () => {
    expect(filterOf(EMPTY_VIEW)).toBeNull();
    expect(isFiltered({ ...EMPTY_VIEW, sort: 'OLDEST' })).toBe(false);
    expect(filterOf({ ...EMPTY_VIEW, keyAccount: true, search: '  ' })).toEqual({ keyAccount: true });
    expect(
      filterOf({ ...EMPTY_VIEW, severity: ['GENERAL'], departmentId: 'd', ownerId: 'u', causeClass: ['NON_QUALITY'] }),
    ).toEqual({
      severity: ['GENERAL'],
      causeClass: ['NON_QUALITY'],
      responsibleDepartmentId: 'd',
      ownerId: 'u',
    });
  });
});
