import { describe, expect, it } from 'vitest';
import {
  answerText,
  dimensionName,
  compareDimensions,
  compareQuestions,
  deltaTone,
  dimensionKey,
  dimensionRows,
  distributionRows,
  isLowAnswer,
  lowAnswers,
  normalisedAnswer,
  questionText,
  scoreDelta,
  segmentRows,
  trendData,
} from './analysis-maths';

describe('comparison deltas and their colour', () => {
  it('is B − A rounded to the decimal shown', () => {
    expect(scoreDelta(78.2, 81.45)).toBe(3.3);
    expect(scoreDelta(81.45, 78.2)).toBe(-3.3);
    expect(scoreDelta(null, 80)).toBeNull();
    expect(scoreDelta(80, undefined)).toBeNull();
  });
  it('treats a difference that reads 0.0 as no change, never −0', () => {
    expect(scoreDelta(80, 80.04)).toBe(0);
    expect(Object.is(scoreDelta(80.04, 80), 0)).toBe(true);
    expect(deltaTone(scoreDelta(80, 80.04))).toBe('same');
  });
  it('colours better, worse, same and missing', () => {
    expect(deltaTone(1.2)).toBe('better');
    expect(deltaTone(-0.1)).toBe('worse');
    expect(deltaTone(0)).toBe('same');
    expect(deltaTone(null)).toBe('none');
  });
});

describe('compareDimensions', () => {
  it('matches by code and keeps dimensions only one side has', () => {
    const rows = compareDimensions(
      [
        { code: 'ATTITUDE', name: '服务态度', score: 80 },
        { code: 'PRICE', name: '价格', score: 70 },
      ],
      [
        { code: 'PRICE', name: '价格', score: 65.5 },
        { code: 'ATTITUDE', name: '服务态度', score: 84 },
        { code: 'TIMELINESS', name: '及时性', score: 90 },
      ],
    );
    expect(rows.map((r) => [r.key, r.a, r.b, r.delta, r.tone])).toEqual([
      ['ATTITUDE', 80, 84, 4, 'better'],
      ['PRICE', 70, 65.5, -4.5, 'worse'],
      ['TIMELINESS', null, 90, null, 'none'],
    ]);
  });
});

describe('compareQuestions', () => {
  const q = (id: string, text: string, scored = true) => ({ id, text, position: 1, scored });
  it('matches by id, else by wording across template versions, and skips unscored questions', () => {
    const rows = compareQuestions(
      [
        { question: q('a1', '服务态度如何？'), score: 75 },
        { question: q('a2', '响应是否 及时？'), score: 60 },
        { question: q('a3', '其他意见', false), score: null },
      ],
      [
        { question: q('a1', '服务态度如何？'), score: 80 },
        { question: q('b2', '响应是否及时？ '.replace('是否', '是否 ')), score: 70 },
        { question: q('b9', '新增问题'), score: 50 },
      ],
      (question) => question.text,
    );
    expect(rows.map((r) => [r.key, r.a, r.b, r.delta])).toEqual([
      ['a1', 75, 80, 5],
      ['a2', 60, 70, 10],
      ['b9', null, 50, null],
    ]);
  });
  it('uses a question of B once even when two of A read the same', () => {
    const rows = compareQuestions(
      [
        { question: q('x', '满意吗'), score: 1 },
        { question: q('y', '满意吗'), score: 2 },
      ],
      [{ question: q('z', '满意吗'), score: 3 }],
      (question) => question.text,
    );
    expect(rows.map((r) => r.b)).toEqual([3, null]);
  });
});

describe('dimensionRows', () => {
  it('keeps weights and adds each dimension’s points in the index', () => {
    const rows = dimensionRows([
      { code: 'A', name: 'A', weight: 3, effectiveWeight: 0.6, score: 80, answers: 10 },
      { code: 'B', name: 'B', weight: 2, effectiveWeight: 0.4, score: 70, answers: 8 },
      { code: 'C', name: 'C', weight: 1, effectiveWeight: 0, score: null, answers: 0 },
    ]);
    expect(rows.map((r) => r.contribution)).toEqual([48, 28, null]);
    expect(rows[2]!.score).toBeNull();
  });
});

describe('distributionRows', () => {
  it('lists every value of a rating scale, zero where nobody chose it', () => {
    const rows = distributionRows(
      'RATING_5',
      [
        { value: '5', label: '5 分', count: 3, share: 0.75 },
        { value: '2', label: '2 分', count: 1, share: 0.25 },
      ],
      [],
      'en',
    );
    // The rating is its own label in every language (the API labels buckets in Chinese only).
    expect(rows.map((r) => r.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.map((r) => [r.value, r.count])).toEqual([
      ['1', 0],
      ['2', 1],
      ['3', 0],
      ['4', 0],
      ['5', 3],
    ]);
    expect(distributionRows('NPS', [], [], 'zh-CN')).toHaveLength(11);
  });
  it('orders choices as the template does, labels them in the viewer’s language, keeps unknown buckets', () => {
    const choices = [
      { value: 'phone', label: '电话', labelEn: 'Phone' },
      { value: 'mail', label: '邮件', labelEn: null },
    ];
    const buckets = [
      { value: 'mail', label: '邮件', count: 2, share: 0.5 },
      { value: 'fax', label: '传真', count: 1, share: 0.25 },
      { value: 'phone', label: '电话', count: 1, share: 0.25 },
    ];
    expect(distributionRows('SINGLE_CHOICE', buckets, choices, 'en').map((r) => [r.label, r.count])).toEqual([
      ['Phone', 1],
      ['邮件', 2],
      ['传真', 1],
    ]);
    expect(distributionRows('MULTI_CHOICE', buckets, choices, 'zh-CN')[0]!.label).toBe('电话');
  });
});

describe('trendData', () => {
  it('puts each dimension under its own key and leaves gaps where a period lacks it', () => {
    const { points, dimensions } = trendData([
      {
        periodLabel: '2026-Q3',
        responses: 10,
        index: 78.2,
        nps: 12,
        dimensions: [{ code: 'ATTITUDE', name: '态度', score: 80 }],
      },
      {
        periodLabel: '2026-Q4',
        responses: 12,
        index: null,
        nps: null,
        dimensions: [{ code: 'PRICE', name: '价格', score: 70 }],
      },
    ]);
    expect(dimensions.map((d) => d.code)).toEqual(['ATTITUDE', 'PRICE']);
    expect(points[0]).toEqual({
      periodLabel: '2026-Q3',
      responses: 10,
      index: 78.2,
      nps: 12,
      [dimensionKey('ATTITUDE')]: 80,
      [dimensionKey('PRICE')]: null,
    });
    expect(points[1]![dimensionKey('ATTITUDE')]).toBeNull();
    expect(points[1]!.index).toBeNull();
  });
});

describe('segmentRows', () => {
  it('labels values, gives customers without one their own row and marks small samples', () => {
    const rows = segmentRows(
      [
        { value: '上海', responses: 12, index: 81, nps: 20 },
        { value: null, responses: 2, index: 60, nps: null },
      ],
      (v) => v ?? '未填写',
    );
    expect(rows.map((r) => [r.key, r.label, r.smallSample])).toEqual([
      ['上海', '上海', false],
      ['∅', '未填写', true],
    ]);
  });
});

describe('low answers', () => {
  const question = (type: 'RATING_5' | 'RATING_10' | 'NPS' | 'SINGLE_CHOICE' | 'TEXT', position = 1) => ({
    id: `${type}-${position}`,
    position,
    type,
    scored: type !== 'TEXT',
    text: type,
    textEn: null,
    choices: [
      { value: 'good', label: '好', labelEn: 'Good', score: 100 },
      { value: 'bad', label: '差', labelEn: 'Poor', score: 20 },
    ],
  });
  const answer = (
    type: Parameters<typeof question>[0],
    value: { numericValue?: number; choiceValues?: string[]; textValue?: string },
    position = 1,
  ) => ({
    question: question(type, position),
    numericValue: value.numericValue ?? null,
    choiceValues: value.choiceValues ?? [],
    textValue: value.textValue ?? null,
  });

  it('normalises ratings to 0–100 from the bottom of their scale', () => {
    expect(normalisedAnswer(answer('RATING_5', { numericValue: 1 }))).toBe(0);
    expect(normalisedAnswer(answer('RATING_5', { numericValue: 4 }))).toBe(75);
    expect(normalisedAnswer(answer('RATING_10', { numericValue: 10 }))).toBe(100);
    expect(normalisedAnswer(answer('NPS', { numericValue: 7 }))).toBe(70);
    expect(normalisedAnswer(answer('SINGLE_CHOICE', { choiceValues: ['bad'] }))).toBe(20);
    expect(normalisedAnswer(answer('TEXT', { textValue: 'x' }))).toBeNull();
  });

  it('calls below 60 low, and NPS detractors (0–6)', () => {
    expect(isLowAnswer(answer('RATING_5', { numericValue: 3 }))).toBe(true);
    expect(isLowAnswer(answer('RATING_5', { numericValue: 4 }))).toBe(false);
    expect(isLowAnswer(answer('RATING_10', { numericValue: 6 }))).toBe(true);
    expect(isLowAnswer(answer('RATING_10', { numericValue: 7 }))).toBe(false);
    expect(isLowAnswer(answer('NPS', { numericValue: 6 }))).toBe(true);
    expect(isLowAnswer(answer('NPS', { numericValue: 7 }))).toBe(false);
    expect(isLowAnswer(answer('SINGLE_CHOICE', { choiceValues: ['good'] }))).toBe(false);
  });

  it('returns the low answers in questionnaire order and the comments', () => {
    const { low, comments } = lowAnswers([
      answer('RATING_5', { numericValue: 2 }, 3),
      answer('TEXT', { textValue: '  ' }, 5),
      answer('TEXT', { textValue: '送货太慢' }, 4),
      answer('NPS', { numericValue: 3 }, 1),
      answer('RATING_5', { numericValue: 5 }, 2),
    ]);
    expect(low.map((a) => a.question.position)).toEqual([1, 3]);
    expect(comments.map((a) => a.textValue)).toEqual(['送货太慢']);
  });

  it('words answers for people', () => {
    expect(answerText(answer('RATING_5', { numericValue: 2 }), 'zh-CN')).toBe('2 / 5');
    expect(answerText(answer('SINGLE_CHOICE', { choiceValues: ['bad', 'gone'] }), 'zh-CN')).toBe('差、gone');
    expect(answerText(answer('SINGLE_CHOICE', { choiceValues: ['bad'] }), 'en')).toBe('Poor');
    expect(questionText({ text: '态度', textEn: 'Attitude' }, 'en')).toBe('Attitude');
    expect(questionText({ text: '态度', textEn: null }, 'en')).toBe('态度');
  });
});

describe('dimension names in the English UI', () => {
  const a = [
    { code: 'T', name: '及时性', nameEn: 'Timeliness', score: 80 },
    { code: 'P', name: '收费', nameEn: null, score: 60 },
  ];
  it('uses the template’s English name where it has one, the Chinese name otherwise', () => {
    expect(dimensionName(a[0]!, 'en')).toBe('Timeliness');
    expect(dimensionName(a[1]!, 'en')).toBe('收费');
    expect(dimensionName(a[0]!, 'zh-CN')).toBe('及时性');
  });
  it('names the comparison rows and the trend series in the UI language', () => {
    expect(compareDimensions(a, a, 'en').map((r) => r.label)).toEqual(['Timeliness', '收费']);
    expect(
      trendData([{ periodLabel: '2026-Q4', responses: 1, dimensions: a }], 'en').dimensions.map((d) => d.name),
    ).toEqual(['Timeliness', '收费']);
    expect(trendData([{ periodLabel: '2026-Q4', responses: 1, dimensions: a }]).dimensions.map((d) => d.name)).toEqual([
      '及时性',
      '收费',
    ]);
  });
});
