'use client';
import { graphql } from '@/gql';
import { useLocale, useTranslations } from 'next-intl';
import { MAX_TEXT_ANSWER } from '@/graphql/survey-responses/survey-answer-limits.rules';
import { useId } from 'react';
import { inputClass } from '@/components/ui/classes';
import {
  EMPTY_ANSWER,
  firstQuestionNumbers,
  localized,
  scaleOf,
  type AnswerState,
  type AnswerValue,
  type FormQuestion,
  type FormSection,
} from './survey-answers';

/** What the question form needs of a template: its sections and questions in order, both languages. */
export const SurveyFormTemplateFragment = graphql(`
  fragment SurveyFormTemplate on SurveyTemplate {
    id
    name
    nameEn
    sections {
      id
      title
      titleEn
      position
      questions {
        id
        position
        type
        text
        textEn
        required
        choices {
          value
          label
          labelEn
        }
      }
    }
  }
`);

// Phones get two rows for the longer scales; wider screens one row (literal class names, for Tailwind's scanner).
const SCALE_GRID: Partial<Record<FormQuestion['type'], string>> = {
  RATING_5: 'grid-cols-5',
  RATING_10: 'grid-cols-5 sm:grid-cols-10',
  NPS: 'grid-cols-6 sm:grid-cols-11',
};

/** The DOM id of a question's block, for scrolling the first problem into view. */
export const questionDomId = (prefix: string, questionId: string) => `${prefix}-q-${questionId}`;

/**
 * The questions of a survey, section by section, in the reader's language (English texts when present and the UI is
 * in English). The same component serves the personal link (/s/[token]), the console's phone/fax entry, the template
 * preview and the view of a submitted response (`readOnly`). Every answer control is a native radio, checkbox or
 * textarea inside a fieldset whose legend is the question, so keyboards (arrows within a scale) and screen readers
 * work without extra code; ratings are large tap targets for phones.
 */
export function SurveyQuestions({
  sections,
  answers,
  onChange,
  errors = {},
  readOnly = false,
  idPrefix,
}: {
  sections: readonly FormSection[];
  answers: AnswerState;
  onChange?: (questionId: string, value: AnswerValue) => void;
  /** A message per question id (client checks or the server's extensions.fields). */
  errors?: Record<string, string>;
  readOnly?: boolean;
  /** Keeps ids unique when two forms share a page (e.g. a preview beside the builder). */
  idPrefix?: string;
}) {
  const generated = useId();
  const prefix = idPrefix ?? `survey${generated.replace(/[^a-zA-Z0-9]/g, '')}`;
  const locale = useLocale();
  const t = useTranslations('surveys.form');
  const firstNumbers = firstQuestionNumbers(sections);
  return (
    <div className="space-y-6" data-testid="survey-questions">
      {sections.map((section, sectionIndex) => (
        <section
          key={section.id}
          aria-labelledby={`${prefix}-s-${section.id}`}
          className="space-y-4"
          data-testid="survey-section"
        >
          <h2
            id={`${prefix}-s-${section.id}`}
            className="border-b border-slate-200 pb-1.5 text-base font-semibold text-slate-800"
          >
            {localized(locale, section.title, section.titleEn) || t('untitledSection')}
          </h2>
          {section.questions.length === 0 && <p className="text-sm text-slate-500">{t('noQuestions')}</p>}
          {section.questions.map((question, index) => (
            <QuestionBlock
              key={question.id}
              prefix={prefix}
              number={firstNumbers[sectionIndex]! + index}
              question={question}
              value={answers[question.id] ?? EMPTY_ANSWER}
              error={errors[question.id]}
              readOnly={readOnly || !onChange}
              onChange={(value) => onChange?.(question.id, value)}
            />
          ))}
        </section>
      ))}
    </div>
  );
}

function QuestionBlock({
  prefix,
  number,
  question,
  value,
  error,
  readOnly,
  onChange,
}: {
  prefix: string;
  number: number;
  question: FormQuestion;
  value: AnswerValue;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: AnswerValue) => void;
}) {
  const locale = useLocale();
  const t = useTranslations('surveys.form');
  const blockId = questionDomId(prefix, question.id);
  const legendId = `${blockId}-legend`;
  const errorId = `${blockId}-error`;
  const text = localized(locale, question.text, question.textEn) || t('untitledQuestion');
  const invalid = Boolean(error);
  const scale = scaleOf(question.type);

  const legend = (
    <legend id={legendId} className="mb-2 text-sm font-medium text-slate-900">
      <span className="mr-1 text-slate-500">{number}.</span>
      {text}
      {question.required ? (
        <>
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
          <span className="sr-only">{t('requiredSr')}</span>
        </>
      ) : (
        <span className="ml-1.5 text-xs font-normal text-slate-500">{t('optional')}</span>
      )}
    </legend>
  );

  let control: React.ReactNode;
  if (scale) {
    const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
    const ends = question.type === 'NPS' ? [t('npsLow'), t('npsHigh')] : [t('ratingLow'), t('ratingHigh')];
    control = (
      <div>
        <div className={`grid gap-1.5 ${SCALE_GRID[question.type] ?? 'grid-cols-5'}`}>
          {points.map((point) => (
            <label key={point} className="relative block" data-testid={`rating-option-${point}`}>
              <input
                type="radio"
                name={blockId}
                value={point}
                checked={value.numericValue === point}
                disabled={readOnly}
                onChange={() => onChange({ ...value, numericValue: point })}
                aria-invalid={invalid}
                className="peer sr-only"
              />
              {/* The visible button: at least 44 px high, the touch-target size phones need. */}
              <span
                className={`flex min-h-11 items-center justify-center rounded-md border text-base font-semibold transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700 peer-checked:border-blue-700 peer-checked:bg-blue-700 peer-checked:text-white ${
                  readOnly
                    ? 'cursor-default border-slate-200 bg-slate-50 text-slate-500'
                    : 'cursor-pointer border-slate-300 bg-white text-slate-800 hover:border-blue-500 hover:bg-blue-50'
                } ${invalid ? 'border-red-400' : ''}`}
              >
                {point}
              </span>
            </label>
          ))}
        </div>
        <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden>
          <span>
            {scale.min} = {ends[0]}
          </span>
          <span>
            {scale.max} = {ends[1]}
          </span>
        </div>
        {/* The ends' meaning for screen readers, read with the group. */}
        <p id={`${blockId}-scale`} className="sr-only">
          {t('scaleSr', { min: scale.min, minLabel: ends[0]!, max: scale.max, maxLabel: ends[1]! })}
        </p>
      </div>
    );
  } else if (question.type === 'SINGLE_CHOICE' || question.type === 'MULTI_CHOICE') {
    const multiple = question.type === 'MULTI_CHOICE';
    control = (
      <div className="space-y-1.5">
        {multiple && <p className="text-xs text-slate-500">{t('multiHint')}</p>}
        {question.choices.map((choice) => {
          const checked = value.choiceValues.includes(choice.value);
          return (
            <label
              key={choice.value}
              className={`flex min-h-11 items-center gap-3 rounded-md border px-3 py-2 text-sm ${
                checked ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-white'
              } ${readOnly ? 'cursor-default' : 'cursor-pointer hover:border-blue-500'} focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-blue-700`}
              data-testid={`choice-option-${choice.value}`}
            >
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={blockId}
                value={choice.value}
                checked={checked}
                disabled={readOnly}
                aria-invalid={invalid}
                onChange={(e) => {
                  if (!multiple) return onChange({ ...value, choiceValues: [choice.value] });
                  const next = e.target.checked
                    ? [...value.choiceValues, choice.value]
                    : value.choiceValues.filter((v) => v !== choice.value);
                  onChange({ ...value, choiceValues: next });
                }}
                className="size-4 shrink-0 border-slate-300 text-blue-700 focus:outline-none"
              />
              <span>{localized(locale, choice.label, choice.labelEn) || choice.value}</span>
            </label>
          );
        })}
        {question.choices.length === 0 && <p className="text-sm text-slate-500">{t('noChoices')}</p>}
      </div>
    );
  } else {
    control = (
      <div>
        <textarea
          id={`${blockId}-text`}
          aria-labelledby={legendId}
          aria-describedby={invalid ? errorId : undefined}
          aria-invalid={invalid}
          rows={4}
          maxLength={MAX_TEXT_ANSWER}
          readOnly={readOnly}
          value={value.textValue}
          onChange={(e) => onChange({ ...value, textValue: e.target.value })}
          placeholder={readOnly ? undefined : t('textPlaceholder')}
          className={`${inputClass} text-base sm:text-sm`}
        />
        {!readOnly && (
          <p className="mt-1 text-right text-xs text-slate-500" aria-hidden>
            {value.textValue.length}/{MAX_TEXT_ANSWER}
          </p>
        )}
      </div>
    );
  }

  const describedBy =
    [error ? errorId : null, scale ? `${blockId}-scale` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      id={blockId}
      // Focus lands here when the question's problem is scrolled into view.
      tabIndex={-1}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      className={`scroll-mt-24 rounded-lg border bg-white p-4 outline-none ${invalid ? 'border-red-300 ring-2 ring-red-500/10' : 'border-slate-200'}`}
      data-testid="survey-question"
      data-question-id={question.id}
      data-question-type={question.type}
    >
      {legend}
      {control}
      {error && (
        <p id={errorId} className="mt-2 text-sm text-red-700" data-testid="survey-question-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "已完成 3/12" with a bar; the numbers are announced politely as they change. */
export function SurveyProgress({ answered, total }: { answered: number; total: number }) {
  const t = useTranslations('surveys.form');
  const percent = total ? Math.round((answered / total) * 100) : 0;
  return (
    <div data-testid="survey-progress" data-answered={answered} data-total={total}>
      <p className="text-sm text-slate-700" aria-live="polite">
        {t('progress', { answered, total })}
      </p>
      <div
        className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label={t('progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={answered}
      >
        <div className="h-full rounded-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
