import { describe, expect, it } from 'vitest';
import {
  callbackFigures,
  complaintFigures,
  interactionFigures,
  isComplaintOverdue,
  isEditable,
  obligationFigures,
  satisfactionFigures,
  ZUpdateSummaryInput,
} from './key-account-summary.rules';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-12-04T00:00:00Z');

describe('complaint figures', () => {
  const open = { isOpenComplaint: true, severity: 'GENERAL' as const, resolvedAt: null };
  const closed = { isOpenComplaint: false, severity: 'MAJOR' as const };

  it('is overdue when resolved after the due time, or open past it; never without a due time', () => {
    expect(isComplaintOverdue({ ...open, resolutionDueAt: at('2026-12-01T00:00:00Z') }, NOW)).toBe(true);
    expect(isComplaintOverdue({ ...open, resolutionDueAt: at('2026-12-05T00:00:00Z') }, NOW)).toBe(false);
    expect(
      isComplaintOverdue(
        { ...closed, resolutionDueAt: at('2026-11-01T00:00:00Z'), resolvedAt: at('2026-11-02T00:00:00Z') },
        NOW,
      ),
    ).toBe(true);
    expect(
      isComplaintOverdue(
        { ...closed, resolutionDueAt: at('2026-11-03T00:00:00Z'), resolvedAt: at('2026-11-02T00:00:00Z') },
        NOW,
      ),
    ).toBe(false);
    expect(isComplaintOverdue({ ...open, resolutionDueAt: null }, NOW)).toBe(false);
  });

  it('counts received, open, closed, overdue and severities', () => {
    expect(
      complaintFigures(
        [
          { ...open, resolutionDueAt: at('2026-12-01T00:00:00Z') },
          { ...open, severity: null, resolutionDueAt: null },
          { ...closed, resolutionDueAt: at('2026-11-03T00:00:00Z'), resolvedAt: at('2026-11-02T00:00:00Z') },
          { ...closed, severity: 'CRISIS', resolutionDueAt: null, resolvedAt: null },
        ],
        NOW,
      ),
    ).toEqual({ received: 4, open: 2, closed: 2, overdue: 1, general: 1, major: 1, crisis: 1 });
  });
});

describe('other figures', () => {
  it('counts other intake by type, zero where none', () => {
    expect(
      interactionFigures([
        { type: 'CONSULTATION', count: 3 },
        { type: 'SUGGESTION', count: 1 },
      ]),
    ).toEqual({ consultation: 3, inquiry: 0, suggestion: 1 });
  });

  it('counts callbacks done in the period and pending ones due before its end', () => {
    const period = { start: at('2026-09-30T16:00:00Z'), end: at('2026-12-31T16:00:00Z') };
    expect(
      callbackFigures(
        [
          { status: 'DONE', dueAt: at('2026-10-05T00:00:00Z'), completedAt: at('2026-10-04T00:00:00Z') },
          { status: 'DONE', dueAt: at('2026-09-05T00:00:00Z'), completedAt: at('2026-09-04T00:00:00Z') }, // before
          { status: 'PENDING', dueAt: at('2026-12-01T00:00:00Z'), completedAt: null }, // overdue
          { status: 'PENDING', dueAt: at('2026-12-20T00:00:00Z'), completedAt: null },
          { status: 'PENDING', dueAt: at('2027-01-20T00:00:00Z'), completedAt: null }, // after the period
          { status: 'CANCELLED', dueAt: at('2026-10-20T00:00:00Z'), completedAt: null },
        ],
        period,
        NOW,
      ),
    ).toEqual({ done: 1, pending: 2, overdue: 1 });
  });

  it('averages the satisfaction index to one decimal, null without scores', () => {
    expect(
      satisfactionFigures([
        { indexScore: '80.00', lowScore: false },
        { indexScore: 75.25, lowScore: false },
        { indexScore: '40.5', lowScore: true },
        { indexScore: null, lowScore: false },
      ]),
    ).toEqual({ responses: 4, averageIndex: 65.3, lowScores: 1 });
    expect(satisfactionFigures([])).toEqual({ responses: 0, averageIndex: null, lowScores: 0 });
  });

  it('lists open obligations earliest due first, marking the overdue', () => {
    const figures = obligationFigures(
      [
        { id: 'b', kind: 'TRAINING', dueAt: at('2026-12-20T00:00:00Z'), note: null },
        { id: 'a', kind: 'CALLBACK', dueAt: at('2026-11-20T00:00:00Z'), note: '季度回访' },
      ],
      NOW,
    );
    expect(figures.open).toBe(2);
    expect(figures.overdue).toBe(1);
    expect(figures.items.map((i) => [i.kind, i.overdue, i.dueAt])).toEqual([
      ['CALLBACK', true, '2026-11-20T00:00:00.000Z'],
      ['TRAINING', false, '2026-12-20T00:00:00.000Z'],
    ]);
  });
});

describe('states and input', () => {
  it('only drafts are editable', () => {
    expect(isEditable('DRAFT')).toBe(true);
    expect(isEditable('ISSUED')).toBe(false);
  });

  it('trims texts (blank is none), dedupes departments, leaves recipients alone when not given', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(
      ZUpdateSummaryInput.parse({
        customerNeeds: '  需要加急检测 ',
        difficulties: '  ',
        recipientDepartmentIds: [id, id],
      }),
    ).toEqual({ customerNeeds: '需要加急检测', difficulties: null, recipientDepartmentIds: [id] });
    expect(ZUpdateSummaryInput.parse({}).recipientDepartmentIds).toBeUndefined();
    expect(ZUpdateSummaryInput.safeParse({ measures: 'x'.repeat(4001) }).success).toBe(false);
    expect(ZUpdateSummaryInput.safeParse({ recipientDepartmentIds: ['nope'] }).success).toBe(false);
  });
});
