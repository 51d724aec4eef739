import type { QuestionType } from '@/gql/graphql';

/**
 * Pure shaping of the analysis API's answers into what the charts and tables draw: comparison deltas and their
 * colour, chart rows, trend series, segment rows, the low answers of a flagged response. No React, no formatting
 * (that is src/lib/format.ts), so every case is unit-tested.
 */

// ───── comparison of two periods ─────

export type Tone = 'better' | 'worse' | 'same' | 'none';

/**
 * B − A, or null when either side has no value. Rounded to the one decimal the screen shows, so a difference that
 * reads "0.0" is also coloured as no change (an unrounded 0.04 would otherwise be painted green).
 */
export function scoreDelta(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  // Half away from zero on both sides, as Intl.NumberFormat rounds the number shown (Math.round alone rounds −3.25 up).
  const raw = b - a;
  const delta = (Math.sign(raw) * Math.round(Math.abs(raw) * 10)) / 10;
  return Object.is(delta, -0) ? 0 : delta;
}

/** Higher is better for every score on these screens (index, NPS, dimension and question scores). */
export function deltaTone(delta: number | null): Tone {
  if (delta == null) return 'none';
  if (delta > 0) return 'better';
  if (delta < 0) return 'worse';
  return 'same';
}

/** Tailwind classes per tone; colour is never the only cue (the sign and an arrow are shown too). */
export const TONE_CLASS: Record<Tone, string> = {
  better: 'text-green-700',
  worse: 'text-red-700',
  same: 'text-slate-600',
  none: 'text-slate-400',
};

export const TONE_ARROW: Record<Tone, string> = { better: '▲', worse: '▼', same: '＝', none: '' };

export type CompareRow = {
  key: string;
  label: string;
  a: number | null;
  b: number | null;
  delta: number | null;
  tone: Tone;
};

const compareRow = (
  key: string,
  label: string,
  a: number | null | undefined,
  b: number | null | undefined,
): CompareRow => {
  const delta = scoreDelta(a, b);
  return { key, label, a: a ?? null, b: b ?? null, delta, tone: deltaTone(delta) };
};

type DimensionScoreLike = { code: string; name: string; nameEn?: string | null; score?: number | null };

/** Dimension scores side by side, matched by their stable code; A's order first, then dimensions only B has. */
export function compareDimensions(
  a: readonly DimensionScoreLike[],
  b: readonly DimensionScoreLike[],
  locale = 'zh-CN',
): CompareRow[] {
  const byCode = new Map(b.map((d) => [d.code, d]));
  const rows = a.map((d) => compareRow(d.code, dimensionName(d, locale), d.score, byCode.get(d.code)?.score));
  const seen = new Set(a.map((d) => d.code));
  for (const d of b) if (!seen.has(d.code)) rows.push(compareRow(d.code, dimensionName(d, locale), null, d.score));
  return rows;
}

type QuestionScoreLike = {
  question: { id: string; text: string; position: number; scored: boolean };
  score?: number | null;
};

/**
 * Scored questions side by side. Two periods may use different versions of a template family, whose questions have
 * different ids, so questions are matched by id first and else by their wording (a version keeps a question's text
 * unless it was rewritten, and a rewritten question is not the same question).
 */
export function compareQuestions(
  a: readonly QuestionScoreLike[],
  b: readonly QuestionScoreLike[],
  label: (q: QuestionScoreLike['question']) => string,
): CompareRow[] {
  const scoredA = a.filter((q) => q.question.scored);
  const scoredB = b.filter((q) => q.question.scored);
  const wording = (text: string) => text.replace(/\s+/g, ' ').trim();
  const bById = new Map(scoredB.map((q) => [q.question.id, q]));
  const bByText = new Map(scoredB.map((q) => [wording(q.question.text), q]));
  const used = new Set<string>();
  const rows: CompareRow[] = [];
  for (const qa of scoredA) {
    const candidate = bById.get(qa.question.id) ?? bByText.get(wording(qa.question.text));
    // A question of B is matched at most once (two questions of A with the same wording do not share it).
    const match = candidate && !used.has(candidate.question.id) ? candidate : undefined;
    if (match) used.add(match.question.id);
    rows.push(compareRow(qa.question.id, label(qa.question), qa.score, match?.score));
  }
  for (const qb of scoredB)
    if (!used.has(qb.question.id)) rows.push(compareRow(qb.question.id, label(qb.question), null, qb.score));
  return rows;
}

// ───── chart rows ─────

type DimensionLike = {
  code: string;
  name: string;
  nameEn?: string | null;
  weight: number;
  effectiveWeight: number;
  score?: number | null;
  answers: number;
};

export type DimensionRow = {
  code: string;
  name: string;
  weight: number;
  effectiveWeight: number;
  score: number | null;
  answers: number;
  contribution: number | null;
};

/**
 * One row per dimension for the bar chart and its table. `contribution` = effective weight × score, the dimension's
 * points in the index (the contributions of the dimensions with answers add up to the index).
 */
export function dimensionRows(dimensions: readonly DimensionLike[]): DimensionRow[] {
  return dimensions.map((d) => {
    const score = d.score ?? null;
    return { ...d, score, contribution: score == null ? null : d.effectiveWeight * score };
  });
}

type BucketLike = { value: string; label: string; count: number; share: number };
type ChoiceLike = { value: string; label: string; labelEn?: string | null };

export type DistributionRow = { value: string; label: string; count: number; share: number };

const RATING_RANGE: Partial<Record<QuestionType, readonly [number, number]>> = {
  RATING_5: [1, 5],
  RATING_10: [1, 10],
  NPS: [0, 10],
};

/**
 * The distribution of one question: every rating value of its scale appears (a value nobody chose shows as 0, so
 * the bars of two questions on the same scale line up), choices in the template's order with their label in the
 * viewer's language. Buckets the template does not know (a choice since removed) are kept at the end.
 */
export function distributionRows(
  type: QuestionType,
  buckets: readonly BucketLike[],
  choices: readonly ChoiceLike[],
  locale: string,
): DistributionRow[] {
  const byValue = new Map(buckets.map((b) => [b.value, b]));
  const range = RATING_RANGE[type];
  let ordered: DistributionRow[];
  if (range) {
    ordered = [];
    for (let v = range[0]; v <= range[1]; v += 1) {
      const bucket = byValue.get(String(v));
      // The rating itself is the label: the API's bucket labels ("5 分") are in Chinese only.
      ordered.push({ value: String(v), label: String(v), count: bucket?.count ?? 0, share: bucket?.share ?? 0 });
    }
  } else {
    ordered = choices.map((c) => {
      const bucket = byValue.get(c.value);
      const label = (locale.startsWith('en') && c.labelEn) || c.label || bucket?.label || c.value;
      return { value: c.value, label, count: bucket?.count ?? 0, share: bucket?.share ?? 0 };
    });
  }
  const known = new Set(ordered.map((r) => r.value));
  for (const b of buckets)
    if (!known.has(b.value))
      ordered.push({ value: b.value, label: b.label || b.value, count: b.count, share: b.share });
  return ordered;
}

// ───── trend ─────

type PeriodLike = {
  periodLabel: string;
  responses: number;
  index?: number | null;
  nps?: number | null;
  dimensions: readonly { code: string; name: string; nameEn?: string | null; score?: number | null }[];
};

export type TrendSeries = { code: string; name: string; dataKey: string };
export type TrendPoint = { periodLabel: string; responses: number; index: number | null; nps: number | null } & Record<
  string,
  number | string | null
>;

/** The dimension's key in a trend point (prefixed so a dimension coded INDEX cannot clash with the index). */
export const dimensionKey = (code: string) => `dim:${code}`;

/** Trend points oldest first (as surveyTrend returns them) with one key per dimension, and the dimension series. */
export function trendData(
  periods: readonly PeriodLike[],
  locale = 'zh-CN',
): { points: TrendPoint[]; dimensions: TrendSeries[] } {
  const series = new Map<string, TrendSeries>();
  const points = periods.map((p) => {
    const point: TrendPoint = {
      periodLabel: p.periodLabel,
      responses: p.responses,
      index: p.index ?? null,
      nps: p.nps ?? null,
    };
    for (const d of p.dimensions) {
      if (!series.has(d.code))
        series.set(d.code, { code: d.code, name: dimensionName(d, locale), dataKey: dimensionKey(d.code) });
      point[dimensionKey(d.code)] = d.score ?? null;
    }
    return point;
  });
  // A dimension missing from a period (an older template version) is a gap in its line, not a zero.
  for (const point of points) for (const s of series.values()) if (!(s.dataKey in point)) point[s.dataKey] = null;
  return { points, dimensions: [...series.values()] };
}

// ───── breakdown by segment ─────

/** Fewer responses than this and a segment's index says little; the screen marks it as a small sample. */
export const SMALL_SAMPLE = 5;

type SegmentLike = { value?: string | null; responses: number; index?: number | null; nps?: number | null };

export type SegmentRow = {
  key: string;
  value: string | null;
  label: string;
  responses: number;
  index: number | null;
  nps: number | null;
  smallSample: boolean;
};

/** Segment rows in the server's order, labelled; customers without a value are one row of their own. */
export function segmentRows(segments: readonly SegmentLike[], label: (value: string | null) => string): SegmentRow[] {
  return segments.map((s) => {
    const value = s.value ?? null;
    return {
      key: value ?? '∅',
      value,
      label: label(value),
      responses: s.responses,
      index: s.index ?? null,
      nps: s.nps ?? null,
      smallSample: s.responses < SMALL_SAMPLE,
    };
  });
}

// ───── low answers of a flagged response ─────

type AnswerLike = {
  question: {
    id: string;
    position: number;
    type: QuestionType;
    scored: boolean;
    choices: readonly { value: string; score?: number | null }[];
  };
  numericValue?: number | null;
  choiceValues: readonly string[];
  textValue?: string | null;
};

/** An answer on the 0–100 scale: (value − lowest) ÷ (highest − lowest) × 100 for ratings, the choice's score for a scored choice. */
export function normalisedAnswer(answer: AnswerLike): number | null {
  const range = RATING_RANGE[answer.question.type];
  if (range) {
    if (answer.numericValue == null) return null;
    return ((answer.numericValue - range[0]) / (range[1] - range[0])) * 100;
  }
  if (answer.question.type === 'SINGLE_CHOICE') {
    const choice = answer.question.choices.find((c) => c.value === answer.choiceValues[0]);
    return choice?.score ?? null;
  }
  return null;
}

/**
 * Below 60 on the 0–100 scale is "not passing" (不及格), the line a Chinese reader expects: 1–3 of 5, 1–6 of 10.
 * NPS answers 0–6 are detractors by definition, which the same line gives (6 → 60 is not below it, so NPS uses ≤ 60).
 */
export const LOW_ANSWER_BELOW = 60;

export function isLowAnswer(answer: AnswerLike): boolean {
  const value = normalisedAnswer(answer);
  if (value == null) return false;
  return answer.question.type === 'NPS' ? value <= LOW_ANSWER_BELOW : value < LOW_ANSWER_BELOW;
}

/** What a follow-up call needs to know: the low answers, in questionnaire order, then what the customer wrote. */
export function lowAnswers<T extends AnswerLike>(answers: readonly T[]): { low: T[]; comments: T[] } {
  const ordered = [...answers].sort((x, y) => x.question.position - y.question.position);
  return {
    low: ordered.filter(isLowAnswer),
    comments: ordered.filter((a) => a.question.type === 'TEXT' && a.textValue?.trim()),
  };
}

type LabelledAnswerLike = Omit<AnswerLike, 'question'> & {
  question: Omit<AnswerLike['question'], 'choices'> & {
    choices: readonly { value: string; label: string; labelEn?: string | null; score?: number | null }[];
  };
};

/** The answer as a person reads it: "2 / 5", "6 / 10", or the chosen choices' labels. */
export function answerText(answer: LabelledAnswerLike, locale: string): string {
  const range = RATING_RANGE[answer.question.type];
  if (range) return answer.numericValue == null ? '' : `${answer.numericValue} / ${range[1]}`;
  if (answer.question.type === 'TEXT') return answer.textValue ?? '';
  return answer.choiceValues
    .map((v) => {
      const c = answer.question.choices.find((choice) => choice.value === v);
      return (c && ((locale.startsWith('en') && c.labelEn) || c.label)) || v;
    })
    .join('、');
}

/** A question's wording in the viewer's language. */
export const questionText = (q: { text: string; textEn?: string | null }, locale: string) =>
  (locale.startsWith('en') && q.textEn) || q.text;
export const dimensionName = (d: { name: string; nameEn?: string | null }, locale: string) =>
  (locale.startsWith('en') && d.nameEn) || d.name;

// ───── colours ─────

/** Distinct, print-safe colours for dimension lines and bars (Tailwind's 700 shades). */
export const SERIES_COLOURS = [
  '#1d4ed8',
  '#b45309',
  '#15803d',
  '#7e22ce',
  '#be123c',
  '#0e7490',
  '#4d7c0f',
  '#a16207',
] as const;
export const seriesColour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length]!;
