import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import type { ResponseSource } from '@/generated/prisma/enums';
import type { Db } from '@/server/db';
import { appendSystemHistory } from '@/graphql/complaints/escalation.service';
import { checkAnswers, type AnswerInput } from '@/graphql/survey-responses/survey-answer.rules';
import {
  DEFAULT_ANNUAL_CRITERIA,
  DEFAULT_LOW_SCORE_RULE,
  responseScore,
} from '@/graphql/survey-analysis/survey-index.rules';
import { loadScoringTemplate, writeSubmission } from '@/graphql/survey-responses/survey-response.service';
import { parseTemplateInput, templateContent } from '@/graphql/survey-templates/survey-template.rules';
import { writeTemplateContent } from '@/graphql/survey-templates/survey-template.service';
import { parseAudienceInput } from '@/graphql/survey-campaigns/survey-campaign.rules';
import { surveyToken, tokenHash } from '@/graphql/survey-campaigns/survey-token.service';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { historyRow } from '@/server/history';

/**
 * The default survey and demo survey data (SPEC §6; [000 §4.7] 《认证客户满意度调查表》 CXLM/CX-16-01). Exported for the
 * seed (scripts/seed.ts → demo-data.ts); both functions do nothing when their data is already there.
 */
export const DEFAULT_TEMPLATE_KEY = 'CERT_SATISFACTION';

const rating = (text: string, textEn: string, dimensionCode: string) => ({
  type: 'RATING_5',
  text,
  textEn,
  dimensionCode,
});

/**
 * Modelled on the certification body's 《认证客户满意度调查表》: the service's timeliness (受理、审核安排、发证), the auditors'
 * competence, attitude, fees and communication, rated 1–5 (很不满意 … 很满意), one NPS question and a free-text suggestion —
 * the "意见和建议" the market department collects and summarises at the year's end [000 §4.4.2 a), §4.6].
 */
export const DEFAULT_TEMPLATE_INPUT = {
  name: '认证客户满意度调查表',
  nameEn: 'Certification customer satisfaction survey',
  description: '为持续改进认证服务，请根据贵单位在本服务周期内的实际感受评分（1 分很不满意，5 分很满意）。',
  locale: 'zh-CN',
  dimensions: [
    { code: 'TIMELINESS', name: '服务及时性', nameEn: 'Timeliness', weight: 0.25 },
    { code: 'PROFESSIONALISM', name: '审核人员专业能力', nameEn: 'Auditor competence', weight: 0.25 },
    { code: 'ATTITUDE', name: '服务态度', nameEn: 'Attitude', weight: 0.2 },
    { code: 'PRICE', name: '收费合理性', nameEn: 'Fees', weight: 0.15 },
    { code: 'COMMUNICATION', name: '信息沟通', nameEn: 'Communication', weight: 0.15 },
  ],
  sections: [
    {
      title: '一、服务及时性',
      titleEn: '1. Timeliness',
      questions: [
        rating(
          '认证申请受理及合同评审是否及时',
          'Were your application and contract review handled promptly?',
          'TIMELINESS',
        ),
        rating('审核计划安排及审核预通知是否及时', 'Were the audit plan and advance notice timely?', 'TIMELINESS'),
        rating('认证证书的发放是否及时', 'Was the certificate issued on time?', 'TIMELINESS'),
      ],
    },
    {
      title: '二、审核人员专业能力',
      titleEn: '2. Auditor competence',
      questions: [
        rating(
          '审核员对贵单位所属行业及专业的熟悉程度',
          'How well did the auditors know your industry?',
          'PROFESSIONALISM',
        ),
        rating(
          '审核发现是否准确、客观，对贵单位的改进是否有帮助',
          'Were the findings accurate, objective and helpful?',
          'PROFESSIONALISM',
        ),
      ],
    },
    {
      title: '三、服务态度与信息沟通',
      titleEn: '3. Attitude and communication',
      questions: [
        rating('审核人员的工作作风与服务态度', "The auditors' conduct and attitude", 'ATTITUDE'),
        rating('市场及客服人员的服务态度', 'The attitude of our sales and service staff', 'ATTITUDE'),
        rating(
          '认证信息（公开文件、审核安排、证书及标志使用规定）的传达是否清楚',
          'Was certification information (public documents, audit arrangements, certificate and mark rules) clear?',
          'COMMUNICATION',
        ),
        {
          type: 'SINGLE_CHOICE',
          text: '您的咨询或投诉是否得到及时、有效的答复',
          textEn: 'Were your enquiries or complaints answered promptly and effectively?',
          dimensionCode: 'COMMUNICATION',
          choices: [
            { value: 'EFFECTIVE', label: '及时有效', labelEn: 'Prompt and effective', score: 100 },
            { value: 'MOSTLY', label: '基本及时', labelEn: 'Mostly', score: 60 },
            { value: 'NOT', label: '不及时或未解决', labelEn: 'Late or unresolved', score: 0 },
            { value: 'NA', label: '未曾咨询或投诉', labelEn: 'Not applicable' },
          ],
        },
      ],
    },
    {
      title: '四、收费',
      titleEn: '4. Fees',
      questions: [
        {
          type: 'SINGLE_CHOICE',
          text: '认证收费是否合理',
          textEn: 'Are our fees reasonable?',
          dimensionCode: 'PRICE',
          choices: [
            { value: 'FAIR', label: '合理', labelEn: 'Reasonable', score: 100 },
            { value: 'MOSTLY', label: '基本合理', labelEn: 'Mostly reasonable', score: 60 },
            { value: 'HIGH', label: '偏高', labelEn: 'Too high', score: 20 },
          ],
        },
      ],
    },
    {
      title: '五、总体评价与建议',
      titleEn: '5. Overall',
      questions: [
        {
          type: 'NPS',
          text: '您向其他企业推荐我公司认证服务的可能性有多大？（0–10）',
          textEn: 'How likely are you to recommend our certification services? (0–10)',
        },
        {
          type: 'MULTI_CHOICE',
          text: '您希望我们提供哪些增值服务？',
          textEn: 'Which value-added services would you like?',
          required: false,
          choices: [
            { value: 'INTERNAL_AUDITOR', label: '内审员培训', labelEn: 'Internal auditor training' },
            { value: 'STANDARD_UPDATE', label: '标准换版培训', labelEn: 'Training on revised standards' },
            { value: 'IMPROVEMENT', label: '管理体系改进咨询', labelEn: 'Management system improvement' },
            { value: 'EXCHANGE', label: '行业信息交流', labelEn: 'Industry exchanges' },
          ],
        },
        {
          type: 'TEXT',
          text: '对我们服务的其他意见和建议',
          textEn: 'Any other comments or suggestions',
          required: false,
        },
      ],
    },
  ],
};

/** The default template (v1 of CERT_SATISFACTION, isDefault) and the default survey settings, unless already there. */
export async function seedSurveyDefaults(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  const settings: { key: string; value: Prisma.InputJsonValue }[] = [
    { key: 'surveyLowScore', value: DEFAULT_LOW_SCORE_RULE },
    { key: 'annualIndexCriteria', value: DEFAULT_ANNUAL_CRITERIA },
  ];
  await db.setting.createMany({ data: settings, skipDuplicates: true });
  if (await db.surveyTemplate.findFirst({ where: { key: DEFAULT_TEMPLATE_KEY }, select: { id: true } })) return false;
  const input = parseTemplateInput(DEFAULT_TEMPLATE_INPUT);
  await db.$transaction(async (tx) => {
    const template = await tx.surveyTemplate.create({
      data: {
        key: DEFAULT_TEMPLATE_KEY,
        version: 1,
        isDefault: true,
        name: input.name,
        nameEn: input.nameEn,
        description: input.description,
        locale: input.locale,
        createdAt: now,
      },
    });
    await writeTemplateContent(tx, template.id, templateContent(input));
    await appendSystemHistory(tx, {
      entityType: 'SurveyTemplate',
      entityId: template.id,
      action: 'CREATE',
      toState: 'v1',
      message: activityMessage('survey.templatePreset'),
    });
  });
  return true;
}

/** A small deterministic generator (the same demo on every machine). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The quarter of an instant in Asia/Shanghai, and the start of a quarter there. */
function quarterOf(at: Date): { year: number; quarter: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(at);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return { year, quarter: Math.ceil(month / 3) };
}
const quarterStart = (year: number, quarter: number) =>
  new Date(`${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01T00:00:00+08:00`);

const SUGGESTIONS = [
  '希望审核计划能提前两周通知，便于安排生产。',
  '审核员专业能力强，提出的改进建议很实用。',
  '证书寄送时间偏长，希望提供电子证书。',
  '希望增加内审员培训的场次。',
  '收费略高，希望对长期客户有优惠。',
  '客服响应及时，沟通顺畅。',
  '审核时间安排与我们的生产高峰冲突，希望更灵活。',
  '希望公开文件更新时能主动通知。',
];

/**
 * Three quarterly campaigns of the default survey — the quarter of `now` (open) and the two before it (closed) — sent to
 * every active demo customer, with invitations, reminders and responses (mostly by link, some by phone or fax),
 * scores improving quarter by quarter, a few low scores and suggestions, so the analysis, the trend and the
 * breakdowns have something to show. The portal's demo customer has not answered the open quarter yet (its portal lists
 * it). Written through the same submission code as real answers (index, low-score flag, history). Does nothing when
 * campaigns exist.
 */
export async function seedSurveyDemo(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  if ((await db.surveyCampaign.count()) > 0) return false;
  const template = await db.surveyTemplate.findFirst({
    where: { key: DEFAULT_TEMPLATE_KEY },
    orderBy: { version: 'desc' },
  });
  const agentUser = await db.user.findFirst({
    where: { role: 'SERVICE_AGENT', active: true },
    orderBy: { createdAt: 'asc' },
  });
  if (!template || !agentUser) return false;
  const portalCustomerId =
    (
      await db.user.findFirst({
        where: { role: 'CUSTOMER' },
        orderBy: { createdAt: 'asc' },
        select: { customerId: true },
      })
    )?.customerId ?? null;
  const agent: Viewer = {
    kind: 'staff',
    userId: agentUser.id,
    role: 'SERVICE_AGENT',
    departmentId: agentUser.departmentId,
  };
  const customers = await db.customer.findMany({
    where: { status: 'ACTIVE', archivedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      contacts: {
        where: { email: { not: null } },
        orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
        select: { email: true },
        take: 1,
      },
    },
  });
  const scoring = await loadScoringTemplate(db, template.id);
  const random = rng(20261201);
  // Each customer's own leaning (some are harder to please), fixed across quarters.
  const leaning = new Map(customers.map((c) => [c.id, random() * 2 - 1]));
  const { year, quarter } = quarterOf(now);
  const quarters = [-2, -1, 0].map((back) => {
    const index = year * 4 + (quarter - 1) + back;
    return { year: Math.floor(index / 4), quarter: (index % 4) + 1, back };
  });

  for (const q of quarters) {
    const opensAt = new Date(quarterStart(q.year, q.quarter).getTime() + 7 * 86_400_000);
    const closesAt = new Date(
      quarterStart(q.quarter === 4 ? q.year + 1 : q.year, q.quarter === 4 ? 1 : q.quarter + 1).getTime() - 60_000,
    );
    const open = q.back === 0;
    const periodLabel = `${q.year}-Q${q.quarter}`;
    const shift = [-0.2, -0.05, 0.1][q.back + 2]!;
    await db.$transaction(
      async (tx) => {
        const campaign = await tx.surveyCampaign.create({
          data: {
            templateId: template.id,
            name: `${q.year} 年第${'一二三四'[q.quarter - 1]}季度认证客户满意度调查`,
            description: '按客户服务周期下发《认证客户满意度调查表》，以网络为主，电话、传真为辅。',
            periodLabel,
            // No criteria: every active customer.
            audience: parseAudienceInput({}),
            opensAt,
            closesAt,
            status: open ? 'OPEN' : 'CLOSED',
            reminderSchedule: [3, 7],
            launchedAt: new Date(opensAt.getTime() - 3_600_000),
            closedAt: open ? null : closesAt,
            createdById: agentUser.id,
            version: open ? 2 : 3,
            createdAt: new Date(opensAt.getTime() - 86_400_000),
          },
        });
        await tx.historyEntry.createMany({
          data: [
            {
              entityType: 'SurveyCampaign',
              entityId: campaign.id,
              action: 'CREATE',
              toState: 'DRAFT',
              actorId: agentUser.id,
              message: activityMessage('survey.campaignCreated', { name: campaign.name, period: periodLabel }),
            },
            {
              entityType: 'SurveyCampaign',
              entityId: campaign.id,
              action: 'LAUNCH',
              fromState: 'DRAFT',
              toState: 'OPEN',
              actorId: agentUser.id,
              message: activityMessage('survey.campaignPublished', {
                invited: customers.length,
                sendNow: 'true',
                mails: customers.length,
              }),
            },
            ...(open
              ? []
              : [
                  {
                    entityType: 'SurveyCampaign',
                    entityId: campaign.id,
                    action: 'CLOSE',
                    fromState: 'OPEN',
                    toState: 'CLOSED',
                    actorLabel: 'system',
                    message: activityMessage('survey.campaignExpired'),
                  },
                ]),
          ].map(historyRow),
        });
        const sentAt = opensAt;
        const horizon = open ? now.getTime() : closesAt.getTime();
        for (const customer of customers) {
          const invitationId = randomUUID();
          const email = customer.contacts[0]?.email ?? null;
          const t = leaning.get(customer.id)!;
          const responds = customer.id !== portalCustomerId || !open ? random() < (open ? 0.5 : 0.75) : false;
          const submittedAt = new Date(
            sentAt.getTime() +
              Math.floor(random() * Math.max(1, Math.min(horizon - sentAt.getTime(), 40 * 86_400_000))),
          );
          const answered = responds && submittedAt.getTime() < horizon;
          const source: ResponseSource = !email
            ? random() < 0.5
              ? 'PHONE'
              : 'FAX'
            : random() < 0.1
              ? 'PHONE'
              : 'LINK';
          await tx.surveyInvitation.create({
            data: {
              id: invitationId,
              campaignId: campaign.id,
              customerId: customer.id,
              email,
              tokenHash: tokenHash(surveyToken(invitationId)),
              sentAt: email ? sentAt : null,
              openedAt: answered && source === 'LINK' ? new Date(submittedAt.getTime() - 600_000) : null,
              reminderCount: answered ? 0 : email ? (open ? 1 : 2) : 0,
              lastRemindedAt: !answered && email ? new Date(sentAt.getTime() + (open ? 3 : 7) * 86_400_000) : null,
              createdAt: new Date(opensAt.getTime() - 3_600_000),
            },
          });
          if (!answered) continue;
          const answers = demoAnswers(scoring.questions, t + shift, random);
          const checked = checkAnswers(scoring.questions, answers, { complete: true });
          await writeSubmission(tx, source === 'LINK' ? { kind: 'anonymous' } : agent, {
            campaignId: campaign.id,
            templateId: template.id,
            customerId: customer.id,
            invitationId,
            source,
            enteredById: source === 'LINK' ? null : agentUser.id,
            answers: checked,
            score: responseScore(checked, scoring.questions, scoring.dimensions, DEFAULT_LOW_SCORE_RULE),
            submittedAt,
          });
        }
      },
      { timeout: 120_000 },
    );
  }
  return true;
}

/** One customer's answers: ratings around 4 moved by the customer's leaning and the quarter, with some noise. */
function demoAnswers(
  questions: Awaited<ReturnType<typeof loadScoringTemplate>>['questions'],
  mood: number,
  random: () => number,
): AnswerInput[] {
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)));
  return questions.flatMap((q): AnswerInput[] => {
    const noise = (random() - 0.5) * 1.6;
    switch (q.type) {
      case 'RATING_5':
        return [{ questionId: q.id, numericValue: clamp(3.9 + mood * 1.1 + noise, 1, 5) }];
      case 'RATING_10':
        return [{ questionId: q.id, numericValue: clamp(8 + mood * 2.5 + noise * 2, 1, 10) }];
      case 'NPS':
        return [{ questionId: q.id, numericValue: clamp(7.8 + mood * 2.5 + noise * 2, 0, 10) }];
      case 'SINGLE_CHOICE': {
        const scored = q.choices.filter((c) => c.score !== null).sort((a, b) => b.score! - a.score!);
        const unscored = q.choices.find((c) => c.score === null);
        if (unscored && random() < 0.3) return [{ questionId: q.id, choiceValues: [unscored.value] }];
        const pick = mood + noise > 0.2 ? 0 : mood + noise > -0.6 ? 1 : scored.length - 1;
        return [{ questionId: q.id, choiceValues: [scored[Math.min(pick, scored.length - 1)]!.value] }];
      }
      case 'MULTI_CHOICE': {
        if (random() >= 0.6) return [];
        const picked = q.choices.filter(() => random() < 0.4).map((c) => c.value);
        return picked.length ? [{ questionId: q.id, choiceValues: picked }] : [];
      }
      case 'TEXT':
        return random() < 0.35
          ? [{ questionId: q.id, textValue: SUGGESTIONS[Math.floor(random() * SUGGESTIONS.length)]! }]
          : [];
    }
  });
}
