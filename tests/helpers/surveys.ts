import type { Viewer } from '@/server/viewer';
import { gqlOk } from './graphql';

/**
 * A small survey with every question type and hand-checkable weights: 服务及时性 0.3 (two 1–5 ratings), 服务态度 0.2
 * (a 1–10 rating), 收费合理性 0.5 (a single choice scored 100 / 50 / not scored), an NPS outside any dimension, an
 * optional multiple choice and an optional suggestion.
 */
export const TEMPLATE_INPUT = {
  name: '认证客户满意度调查表（测试）',
  description: '测试用',
  dimensions: [
    { code: 'TIMELINESS', name: '服务及时性', nameEn: 'Timeliness', weight: 0.3 },
    { code: 'ATTITUDE', name: '服务态度', weight: 0.2 },
    { code: 'PRICE', name: '收费合理性', weight: 0.5 },
  ],
  sections: [
    {
      title: '一、服务评价',
      questions: [
        { type: 'RATING_5', text: '审核安排是否及时', dimensionCode: 'TIMELINESS' },
        { type: 'RATING_5', text: '问题答复是否及时', dimensionCode: 'TIMELINESS' },
        { type: 'RATING_10', text: '审核人员的服务态度', dimensionCode: 'ATTITUDE' },
        {
          type: 'SINGLE_CHOICE',
          text: '收费是否合理',
          dimensionCode: 'PRICE',
          choices: [
            { value: 'A', label: '合理', score: 100 },
            { value: 'B', label: '基本合理', score: 50 },
            { value: 'C', label: '不清楚' },
          ],
        },
      ],
    },
    {
      title: '二、总体评价',
      questions: [
        { type: 'NPS', text: '您向其他企业推荐我们的可能性有多大？' },
        {
          type: 'MULTI_CHOICE',
          text: '您希望获得哪些增值服务？',
          required: false,
          choices: [
            { value: 'TRAIN', label: '内审员培训' },
            { value: 'REPORT', label: '质量分析报告' },
          ],
        },
        { type: 'TEXT', text: '其他意见和建议', required: false },
      ],
    },
  ],
};

export const TEMPLATE_FIELDS = /* GraphQL */ `
  id key version name isDefault archivedAt inUse isLatest
  dimensions { id code name weight position }
  sections { id title position questions { id position } }
  questions { id position type text required scored choices { value label score } dimension { code } }
`;

export type TemplateResult = {
  id: string;
  key: string;
  version: number;
  name: string;
  inUse: boolean;
  isLatest: boolean;
  archivedAt: string | null;
  dimensions: { code: string; weight: number }[];
  sections: { id: string; questions: { id: string }[] }[];
  questions: {
    id: string;
    position: number;
    type: string;
    text: string;
    required: boolean;
    scored: boolean;
    dimension: { code: string } | null;
  }[];
};

export async function createTemplate(viewer: Viewer, input: unknown = TEMPLATE_INPUT): Promise<TemplateResult> {
  const data = await gqlOk<{ createSurveyTemplate: TemplateResult }>(
    viewer,
    `mutation($input: SurveyTemplateInput!) { createSurveyTemplate(input: $input) { ${TEMPLATE_FIELDS} } }`,
    { input },
  );
  return data.createSurveyTemplate;
}

export type CampaignResult = { id: string; version: number; status: string; periodLabel: string };

export async function createCampaign(
  viewer: Viewer,
  templateId: string,
  options: {
    audience?: unknown;
    periodLabel?: string;
    opensAt?: Date;
    closesAt?: Date;
    reminderDays?: number[];
    name?: string;
  } = {},
): Promise<CampaignResult> {
  const day = 86_400_000;
  const data = await gqlOk<{ createSurveyCampaign: CampaignResult }>(
    viewer,
    `mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { id version status periodLabel } }`,
    {
      input: {
        templateId,
        name: options.name ?? `${options.periodLabel ?? '2026-Q4'} 客户满意度调查`,
        periodLabel: options.periodLabel ?? '2026-Q4',
        audience: options.audience ?? {},
        opensAt: (options.opensAt ?? new Date(Date.now() - day)).toISOString(),
        closesAt: (options.closesAt ?? new Date(Date.now() + 30 * day)).toISOString(),
        ...(options.reminderDays ? { reminderDays: options.reminderDays } : {}),
      },
    },
  );
  return data.createSurveyCampaign;
}

export async function launchCampaign(
  viewer: Viewer,
  campaign: { id: string; version: number },
): Promise<CampaignResult> {
  const data = await gqlOk<{ launchSurveyCampaign: CampaignResult }>(
    viewer,
    `mutation($id: ID!, $version: Int!) { launchSurveyCampaign(id: $id, version: $version) { id version status periodLabel } }`,
    campaign,
  );
  return data.launchSurveyCampaign;
}

/** Answers to TEMPLATE_INPUT's questions by position: [r5, r5, r10, choice, nps, multi?, text?]. */
export function answersFor(
  template: TemplateResult,
  values: { r5a: number; r5b: number; r10: number; price: string; nps: number; multi?: string[]; text?: string },
) {
  const q = template.questions;
  return [
    { questionId: q[0]!.id, numericValue: values.r5a },
    { questionId: q[1]!.id, numericValue: values.r5b },
    { questionId: q[2]!.id, numericValue: values.r10 },
    { questionId: q[3]!.id, choiceValues: [values.price] },
    { questionId: q[4]!.id, numericValue: values.nps },
    ...(values.multi ? [{ questionId: q[5]!.id, choiceValues: values.multi }] : []),
    ...(values.text ? [{ questionId: q[6]!.id, textValue: values.text }] : []),
  ];
}

export const SUBMIT = /* GraphQL */ `
  mutation ($token: String!, $answers: [SurveyAnswerInput!]!) {
    submitSurveyResponse(token: $token, answers: $answers) {
      state
      submittedAt
    }
  }
`;
export const FORM = /* GraphQL */ `
  query ($token: String!) {
    surveyForm(token: $token) {
      state
      campaignName
      customerName
      submittedAt
      template {
        id
        questions {
          id
        }
      }
      draft {
        questionId
        numericValue
        choiceValues
        textValue
      }
    }
  }
`;
export const ENTER = /* GraphQL */ `
  mutation ($input: EnterSurveyResponseInput!) {
    enterSurveyResponse(input: $input) {
      id
      source
      index
      lowScore
      enteredBy {
        id
      }
    }
  }
`;
