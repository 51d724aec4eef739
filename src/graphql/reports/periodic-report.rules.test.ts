import { describe, expect, it } from 'vitest';
import { pareto, satisfactionSummary, topCausesWithActions, type ActionFact } from './periodic-report.rules';

const cause = (causeClass: 'QUALITY' | 'NON_QUALITY' | null, departmentId: string | null, count: number) => ({
  causeClass,
  departmentId,
  departmentName: departmentId ? `部门${departmentId}` : null,
  count,
});

describe('Pareto of causes', () => {
  // 20 complaints: 10 quality·A, 6 non-quality·B, 2 quality·B, 1 quality·C, 1 untriaged and unassigned.
  const rows = pareto(
    [
      cause('QUALITY', 'B', 2),
      cause('QUALITY', 'A', 10),
      cause(null, null, 1),
      cause('NON_QUALITY', 'B', 6),
      cause('QUALITY', 'C', 1),
    ],
    20,
  );

  it('sorts by count, leaves out what is no cause, and accumulates shares of all complaints', () => {
    expect(rows.map((r) => [r.causeClass, r.departmentId, r.count])).toEqual([
      ['QUALITY', 'A', 10],
      ['NON_QUALITY', 'B', 6],
      ['QUALITY', 'B', 2],
      ['QUALITY', 'C', 1],
    ]);
    expect(rows.map((r) => r.share)).toEqual([0.5, 0.3, 0.1, 0.05]);
    expect(rows.map((r) => r.cumulativeShare)).toEqual([0.5, 0.8, 0.9, 0.95]);
  });

  it('the vital few run up to the cause that reaches 80 %', () => {
    expect(rows.map((r) => r.vital)).toEqual([true, true, false, false]);
  });

  it('an empty period has no Pareto', () => {
    expect(pareto([], 0)).toEqual([]);
  });
});

describe('top causes with their actions', () => {
  const asOf = new Date('2026-04-01T00:00:00Z');
  const before = new Date('2026-03-15T00:00:00Z');
  const after = new Date('2026-04-15T00:00:00Z');
  const act = (
    causeClass: 'QUALITY' | 'NON_QUALITY',
    departmentId: string,
    status: ActionFact['status'],
    dueAt: Date | null,
  ): ActionFact => ({
    causeClass,
    departmentId,
    status,
    dueAt,
  });

  it('counts open, done, verified and overdue per cause; cancelled ones are left out', () => {
    const rows = pareto([cause('QUALITY', 'A', 3), cause('NON_QUALITY', 'B', 1)], 4);
    const top = topCausesWithActions(
      rows,
      [
        act('QUALITY', 'A', 'OPEN', before), // overdue
        act('QUALITY', 'A', 'IN_PROGRESS', after), // open, not overdue
        act('QUALITY', 'A', 'DONE', before), // done late is not overdue
        act('QUALITY', 'A', 'VERIFIED', null),
        act('QUALITY', 'A', 'CANCELLED', before),
        act('QUALITY', 'C', 'OPEN', before), // a cause outside the top: not counted
      ],
      asOf,
    );
    expect(
      top.map(({ actions, open, done, verified, overdue }) => ({ actions, open, done, verified, overdue })),
    ).toEqual([
      { actions: 4, open: 2, done: 2, verified: 1, overdue: 1 },
      { actions: 0, open: 0, done: 0, verified: 0, overdue: 0 },
    ]);
  });

  it('keeps only the first five causes', () => {
    const rows = pareto(
      ['A', 'B', 'C', 'D', 'E', 'F'].map((d) => cause('QUALITY', d, 1)),
      6,
    );
    expect(topCausesWithActions(rows, [], asOf)).toHaveLength(5);
  });
});

describe('satisfaction beside complaints', () => {
  it('index, NPS and callback scores on hand-computed data', () => {
    const s = satisfactionSummary(
      { responses: 4, averageIndex: 82.345, lowScores: 1, npsPromoters: 5, npsPassives: 3, npsDetractors: 2 },
      [
        { accuracyScore: 5, timelinessScore: 4, attitudeScore: 3 }, // 4
        { accuracyScore: 5, timelinessScore: null, attitudeScore: null }, // 5
        { accuracyScore: null, timelinessScore: null, attitudeScore: null }, // not scored
      ],
    );
    // NPS = (5 − 2) ÷ 10 × 100 = 30; callbacks: (4 + 5) ÷ 2 = 4.5.
    expect(s).toEqual({
      responses: 4,
      averageIndex: 82.3,
      lowScores: 1,
      nps: 30,
      callbacksScored: 2,
      averageCallbackScore: 4.5,
    });
  });

  it('an empty period has nulls, not zeros', () => {
    expect(
      satisfactionSummary(
        { responses: 0, averageIndex: null, lowScores: 0, npsPromoters: 0, npsPassives: 0, npsDetractors: 0 },
        [],
      ),
    ).toEqual({
      responses: 0,
      averageIndex: null,
      lowScores: 0,
      nps: null,
      callbacksScored: 0,
      averageCallbackScore: null,
    });
  });
});
