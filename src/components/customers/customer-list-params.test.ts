import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_SIZE,
  emptyFilter,
  exportHref,
  filterProblems,
  listParamsToSearch,
  nextSort,
  parseListParams,
  toGraphQLFilter,
  type CustomerListState,
} from './customer-list-params';

const roundTrip = (state: CustomerListState) => parseListParams(new URLSearchParams(listParamsToSearch(state)));

describe('customer list URL state', () => {
  it('is empty for the default view', () => {
    const state: CustomerListState = { filter: emptyFilter(), sort: null, pageSize: DEFAULT_PAGE_SIZE };
    expect(listParamsToSearch(state)).toBe('');
    expect(parseListParams(new URLSearchParams(''))).toEqual(state);
  });

  it('round-trips every kind of filter, sort and page size', () => {
    const filter = emptyFilter();
    filter.search = '华东 机械';
    filter.text.contractNo = 'HT-2026';
    filter.text.postcode = '200000';
    filter.status = ['ACTIVE', 'SUSPENDED'];
    filter.creditStanding = ['GOOD'];
    filter.source = ['TRADE_SHOW', 'REFERRAL'];
    filter.grade = ['A'];
    filter.keyAccountStatus = ['CANDIDATE'];
    filter.province = ['上海', '广东,深圳'];
    filter.industry = ['汽车零部件'];
    filter.dates.auditDate = { from: '2026-01-01', to: '2026-06-30' };
    filter.dates.implementationDate = { from: '', to: '2025-12-31' };
    filter.money.initialAuditFee = { min: '1000', max: '20000.50' };
    filter.ownerId = '6f1c7d52-3c55-4c1e-9d7e-2b1f0f1e9a10';
    filter.archived = 'all';
    const state: CustomerListState = { filter, sort: { field: 'INITIAL_AUDIT_FEE', direction: 'DESC' }, pageSize: 100 };
    expect(roundTrip(state)).toEqual(state);
  });

  it('drops malformed values from a hand-edited URL', () => {
    const state = parseListParams(
      new URLSearchParams(
        'status=ACTIVE&status=BOGUS&auditDateFrom=2026-13-45x&initialAuditFeeMin=abc&owner=1&archived=maybe&sort=DROP&size=7',
      ),
    );
    expect(state.filter.status).toEqual(['ACTIVE']);
    expect(state.filter.dates.auditDate).toEqual({ from: '', to: '' });
    expect(state.filter.money.initialAuditFee).toEqual({ min: '', max: '' });
    expect(state.filter.ownerId).toBe('');
    expect(state.filter.archived).toBe('active');
    expect(state.sort).toBeNull();
    expect(state.pageSize).toBe(DEFAULT_PAGE_SIZE);
  });
});

describe('GraphQL filter', () => {
  it('sends only what filters, and the archived scope explicitly', () => {
    const filter = emptyFilter();
    expect(toGraphQLFilter(filter)).toEqual({ archived: false });
    filter.archived = 'all';
    filter.search = ' 华东 ';
    filter.money.surveillanceAuditFee = { min: '¥1,000', max: '' };
    filter.dates.auditDate = { from: '', to: '2026-01-31' };
    expect(toGraphQLFilter(filter)).toEqual({
      search: '华东',
      archived: null,
      surveillanceAuditFee: { min: '1000' },
      auditDate: { to: '2026-01-31' },
    });
  });

  it('builds the export link from the same filter and sort', () => {
    const filter = emptyFilter();
    filter.status = ['ACTIVE'];
    const href = exportHref('xlsx', { filter, sort: { field: 'NAME', direction: 'ASC' } });
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/customers/export');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: ['ACTIVE'], archived: false });
    expect(JSON.parse(url.searchParams.get('sort')!)).toEqual({ field: 'NAME', direction: 'ASC' });
  });

  it('flags reversed ranges and bad amounts', () => {
    const filter = emptyFilter();
    filter.dates.auditDate = { from: '2026-02-01', to: '2026-01-01' };
    filter.money.initialAuditFee = { min: '12.345', max: '' };
    filter.money.surveillanceAuditFee = { min: '900', max: '100' };
    expect(filterProblems(filter)).toEqual({
      auditDate: 'rangeReversed',
      initialAuditFee: 'invalidMoney',
      surveillanceAuditFee: 'rangeReversed',
    });
  });
});

describe('sorting by header', () => {
  it('cycles ascending → descending → default', () => {
    expect(nextSort(null, 'NAME')).toEqual({ field: 'NAME', direction: 'ASC' });
    expect(nextSort({ field: 'NAME', direction: 'ASC' }, 'NAME')).toEqual({ field: 'NAME', direction: 'DESC' });
    expect(nextSort({ field: 'NAME', direction: 'DESC' }, 'NAME')).toBeNull();
    expect(nextSort({ field: 'NAME', direction: 'DESC' }, 'STATUS')).toEqual({ field: 'STATUS', direction: 'ASC' });
  });
});
