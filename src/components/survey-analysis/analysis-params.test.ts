import { describe, expect, it } from 'vitest';
import {
  analysisExportHref,
  analysisParamsToSearch,
  comparePeriods,
  countAnalysisFilters,
  defaultAnalysisState,
  parseAnalysisParams,
  reportHref,
  reportPeriod,
  responsesExportHref,
  toAcrossPeriodsFilter,
  toAnalysisFilter,
  toPeriodFilter,
  toResponseFilter,
  type AnalysisState,
} from './analysis-params';

const parse = (query: string) => parseAnalysisParams(new URLSearchParams(query));
const CAMPAIGN = '3f6c1a52-1f1e-4a7e-9d3b-2b1f0c9e8a11';

describe('parseAnalysisParams', () => {
  it('gives the default state for an empty URL', () => {
    expect(parse('')).toEqual(defaultAnalysisState());
  });

  it('reads ?campaign=<id> from the campaign page as a preselected campaign', () => {
    const state = parse(`campaign=${CAMPAIGN}`);
    expect(state.filter.campaignIds).toEqual([CAMPAIGN]);
    expect(toAnalysisFilter(state.filter)).toEqual({ campaignIds: [CAMPAIGN] });
  });

  it('reads repeated lists, trims and de-duplicates them', () => {
    const state = parse(
      'period=2026-Q3&period=%202026-Q4%20&period=2026-Q3&province=上海&province=江苏&industry=汽车零部件',
    );
    expect(state.filter.periodLabels).toEqual(['2026-Q3', '2026-Q4']);
    expect(state.filter.provinces).toEqual(['上海', '江苏']);
    expect(state.filter.industries).toEqual(['汽车零部件']);
  });

  it('drops enum values, views and segments it does not know', () => {
    const state = parse('grade=A&grade=Z&keyAccount=ACTIVE&keyAccount=VIP&view=pie&by=CITY');
    expect(state.filter.grades).toEqual(['A']);
    expect(state.filter.keyAccountStatuses).toEqual(['ACTIVE']);
    expect(state.view).toBe('overview');
    expect(state.segment).toBe('KEY_ACCOUNT');
  });

  it('accepts the segment in any case and the known views', () => {
    expect(parse('by=province').segment).toBe('PROVINCE');
    expect(parse('view=lowScores').view).toBe('lowScores');
  });

  it('drops malformed ids, template keys and labels with control characters', () => {
    const state = parse('campaign=%3Cscript%3E&template=a%20b&question=x%22y&a=%0A');
    expect(state.filter.campaignIds).toEqual([]);
    expect(state.filter.templateKey).toBe('');
    expect(state.textQuestionId).toBe('');
    expect(state.compareA).toBe('');
  });
});

describe('analysisParamsToSearch', () => {
  it('round-trips a full state', () => {
    const state: AnalysisState = {
      filter: {
        campaignIds: [CAMPAIGN],
        periodLabels: ['2026-Q3', '2026-Q4'],
        templateKey: 'cert-customer',
        provinces: ['上海'],
        industries: ['电子, 电气'],
        grades: ['A', 'B'],
        keyAccountStatuses: ['ACTIVE'],
      },
      view: 'compare',
      segment: 'PROVINCE',
      compareA: '2026-Q3',
      compareB: '2026-Q4',
      textQuestionId: 'q1',
    };
    expect(parse(analysisParamsToSearch(state))).toEqual(state);
  });

  it('leaves defaults out so URLs stay short', () => {
    expect(analysisParamsToSearch(defaultAnalysisState())).toBe('');
    expect(analysisParamsToSearch({ ...defaultAnalysisState(), view: 'trend' })).toBe('view=trend');
  });
});

describe('API filters', () => {
  const filter = {
    ...parse('').filter,
    campaignIds: [CAMPAIGN],
    periodLabels: ['2026-Q4'],
    provinces: ['上海'],
    grades: ['A' as const],
  };

  it('sends only the criteria that narrow something', () => {
    expect(toAnalysisFilter(parse('').filter)).toEqual({});
    expect(toAnalysisFilter(filter)).toEqual({
      campaignIds: [CAMPAIGN],
      periodLabels: ['2026-Q4'],
      provinces: ['上海'],
      grades: ['A'],
    });
  });

  it('runs the trend and the comparison across periods: no campaigns or periods, the segments kept', () => {
    expect(toAcrossPeriodsFilter(filter)).toEqual({ provinces: ['上海'], grades: ['A'] });
    expect(toPeriodFilter(filter, '2026-Q3')).toEqual({
      provinces: ['上海'],
      grades: ['A'],
      periodLabels: ['2026-Q3'],
    });
  });

  it('maps to a SurveyResponseFilter with every analysis criterion', () => {
    expect(toResponseFilter(filter, { lowScoreOnly: true })).toEqual({
      lowScoreOnly: true,
      campaignIds: [CAMPAIGN],
      periodLabels: ['2026-Q4'],
      provinces: ['上海'],
      grades: ['A'],
    });
    expect(toResponseFilter(parse('period=2026-Q3&period=2026-Q4').filter)).toEqual({
      periodLabels: ['2026-Q3', '2026-Q4'],
    });
  });

  it('counts the criteria set', () => {
    expect(countAnalysisFilters(parse('').filter)).toBe(0);
    expect(countAnalysisFilters(filter)).toBe(4);
  });
});

describe('exports and the printable report', () => {
  it('puts the filter JSON in the export links', () => {
    const filter = parse(`campaign=${CAMPAIGN}&province=上海`).filter;
    const analysis = new URL(analysisExportHref('xlsx', filter), 'http://x');
    expect(analysis.pathname).toBe('/api/surveys/analysis/export');
    expect(analysis.searchParams.get('format')).toBe('xlsx');
    expect(JSON.parse(analysis.searchParams.get('filter')!)).toEqual({ campaignIds: [CAMPAIGN], provinces: ['上海'] });
    const responses = new URL(responsesExportHref('csv', filter), 'http://x');
    expect(responses.pathname).toBe('/api/surveys/responses/export');
    expect(JSON.parse(responses.searchParams.get('filter')!)).toEqual({ campaignIds: [CAMPAIGN], provinces: ['上海'] });
    expect(reportHref('2026-Q4')).toBe('/api/surveys/report?period=2026-Q4');
  });

  it('knows the report period from one period or from campaigns of one period', () => {
    const periods = new Map([
      ['c1', '2026-Q3'],
      ['c2', '2026-Q3'],
      ['c3', '2026-Q4'],
    ]);
    expect(reportPeriod(parse('period=2026-Q4').filter, periods)).toBe('2026-Q4');
    expect(reportPeriod(parse('period=2026-Q3&period=2026-Q4').filter, periods)).toBeNull();
    expect(reportPeriod(parse('campaign=c1&campaign=c2').filter, periods)).toBe('2026-Q3');
    expect(reportPeriod(parse('campaign=c1&campaign=c3').filter, periods)).toBeNull();
    expect(reportPeriod(parse('campaign=unknown').filter, periods)).toBeNull();
    expect(reportPeriod(parse('').filter, periods)).toBeNull();
  });
});

describe('comparePeriods', () => {
  const periods = ['2026-Q4', '2026-Q3', '2026-Q2'];
  it('defaults to the newest period against the one before', () => {
    expect(comparePeriods({ compareA: '', compareB: '' }, periods)).toEqual({ a: '2026-Q3', b: '2026-Q4' });
  });
  it('keeps the periods chosen in the URL', () => {
    expect(comparePeriods({ compareA: '2026-Q2', compareB: '2026-Q4' }, periods)).toEqual({
      a: '2026-Q2',
      b: '2026-Q4',
    });
    expect(comparePeriods({ compareA: '', compareB: '2026-Q3' }, periods)).toEqual({ a: '2026-Q2', b: '2026-Q3' });
  });
  it('never compares a period with itself and ignores unknown periods', () => {
    expect(comparePeriods({ compareA: '2026-Q4', compareB: '2026-Q4' }, periods)).toEqual({
      a: '2026-Q3',
      b: '2026-Q4',
    });
    expect(comparePeriods({ compareA: '', compareB: '2026-Q2' }, periods)).toEqual({ a: '2026-Q4', b: '2026-Q2' });
    expect(comparePeriods({ compareA: '1999', compareB: 'x' }, periods)).toEqual({ a: '2026-Q3', b: '2026-Q4' });
  });
  it('needs two periods', () => {
    expect(comparePeriods({ compareA: '', compareB: '' }, ['2026-Q4'])).toBeNull();
  });
});
