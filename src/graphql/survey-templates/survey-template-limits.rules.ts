/**
 * The limits of a template's input, shared by the server's schema (survey-template.rules.ts) and the template builder.
 * Client-safe: nothing here may import Prisma, Node APIs or server code (the enum import is a type only).
 */
import type { QuestionType } from '@/generated/prisma/enums';

export const QUESTION_TYPES = [
  'RATING_5',
  'RATING_10',
  'NPS',
  'SINGLE_CHOICE',
  'MULTI_CHOICE',
  'TEXT',
] as const satisfies readonly QuestionType[];

export const MAX_QUESTIONS = 200;
/** A single or multiple choice question offers at least this many choices. */
export const MIN_CHOICES = 2;
/** A dimension code: 2–40 upper-case letters, digits and underscores (ACCURACY, TIMELINESS, …), stable across versions. */
export const DIMENSION_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
/** Decimal(6,4) column; a weight of 0 would let Σ weights be 0, so weights are strictly positive and at most this. */
export const MAX_WEIGHT = 99;
/** A choice's score is on the index's own 0–100 scale, so a scored choice weighs like a normalised rating. */
export const CHOICE_SCORE_RANGE = [0, 100] as const;
