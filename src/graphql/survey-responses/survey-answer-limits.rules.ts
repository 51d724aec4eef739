import type { QuestionType } from '@/generated/prisma/enums';

/**
 * The limits of an answer, shared by the server's checks (survey-answer.rules.ts) and the question form, which shows
 * them before sending. Client-safe: nothing here may import Prisma, Node APIs or server code.
 */

/** Longest text answer accepted. */
export const MAX_TEXT_ANSWER = 2000;

/** The inclusive range of a rating question's values. */
export const RATING_RANGE: Partial<Record<QuestionType, readonly [number, number]>> = {
  RATING_5: [1, 5],
  RATING_10: [1, 10],
  NPS: [0, 10],
};
