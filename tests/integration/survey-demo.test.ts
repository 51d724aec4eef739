import { describe, expect, it } from 'vitest';
import { surveyAnalysis, surveyTrend } from '@/graphql/survey-analysis/survey-analysis.service';
import { myOpenSurveys } from '@/graphql/survey-responses/survey-response.service';
import { prisma } from '@/server/db';
import { seedDemoData } from '@/server/demo/demo-data';
import { DEFAULT_TEMPLATE_KEY, seedSurveyDefaults, seedSurveyDemo } from '@/server/demo/survey-demo';

const now = new Date('2026-12-01T02:00:00Z');
const staff = {
  kind: 'staff',
  userId: '00000000-0000-4000-8000-000000000000',
  role: 'ADMIN',
  departmentId: null,
} as const;

describe('survey demo data', () => {
  it('seeds the default 《认证客户满意度调查表》 and three quarters of campaigns with responses, once', async () => {
    // The demo seed loads the survey defaults and campaigns; both do nothing a second time.
    await seedDemoData(prisma, { customers: 24, now });
    expect(await seedSurveyDefaults(prisma, { now })).toBe(false);
    const template = await prisma.surveyTemplate.findFirstOrThrow({
      where: { key: DEFAULT_TEMPLATE_KEY },
      include: { dimensions: true, questions: true },
    });
    expect([template.name, template.isDefault, template.version]).toEqual(['认证客户满意度调查表', true, 1]);
    expect(template.dimensions.map((d) => d.name).sort()).toEqual(
      ['信息沟通', '审核人员专业能力', '收费合理性', '服务态度', '服务及时性'].sort(),
    );
    expect(template.dimensions.reduce((w, d) => w + d.weight.toNumber(), 0)).toBeCloseTo(1, 10);
    expect(template.questions.filter((q) => q.type === 'NPS')).toHaveLength(1);
    expect(template.questions.filter((q) => q.type === 'TEXT')).toHaveLength(1);
    expect((await prisma.setting.findUnique({ where: { key: 'surveyLowScore' } }))?.value).toEqual({
      indexBelow: 60,
      answerBelow: 40,
    });

    expect(await seedSurveyDemo(prisma, { now })).toBe(false);
    const campaigns = await prisma.surveyCampaign.findMany({
      orderBy: { opensAt: 'asc' },
      select: { periodLabel: true, status: true },
    });
    expect(campaigns).toEqual([
      { periodLabel: '2026-Q2', status: 'CLOSED' },
      { periodLabel: '2026-Q3', status: 'CLOSED' },
      { periodLabel: '2026-Q4', status: 'OPEN' },
    ]);
    const responses = await prisma.surveyResponse.count({ where: { submittedAt: { not: null } } });
    expect(responses).toBeGreaterThan(10);
    expect(await prisma.surveyResponse.count({ where: { submittedAt: { gt: now } } })).toBe(0);

    const trend = await surveyTrend(staff, { templateKey: DEFAULT_TEMPLATE_KEY });
    expect(trend.map((p) => p.periodLabel)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(trend.every((p) => p.responses > 0 && p.index !== null)).toBe(true);
    const analysis = await surveyAnalysis(staff, { periodLabels: ['2026-Q4'] });
    expect(analysis.index).not.toBeNull();
    expect(analysis.formula).toMatch(/^满意度指数 = \(0\.25×/);

    // The portal's demo customer still has the open quarter to answer.
    const portal = await prisma.user.findFirstOrThrow({ where: { role: 'CUSTOMER' } });
    const open = await myOpenSurveys({ kind: 'customer', userId: portal.id, customerId: portal.customerId! }, now);
    expect(open.map((s) => [s.periodLabel, s.state])).toEqual([['2026-Q4', 'OPEN']]);
  });
});
