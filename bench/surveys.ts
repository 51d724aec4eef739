// The survey section of `npm run bench` (called by bench/run.ts once the history is loaded): 100,000 submitted
// responses × 10 answers over two quarterly campaigns (BENCH_SURVEY_RESPONSES, scaled by BENCH_SCALE), filled with
// generate_series-style SQL, then the campaign analysis page's queries — surveyAnalysis + campaign stats (with
// bySegment) + trend + breakdown — timed through the real GraphQL pipeline (median of 5), plus heap used. A database
// that already holds the two bench campaigns (BENCH_REUSE=1) is timed as it is.
import type { Db } from '@/server/db';
import { graphqlRunner, time, type Timing } from './timing';

const CAMPAIGN_NAME = (periodLabel: string) => `${periodLabel} 满意度调查（基准）`;

export async function benchSurveys(prisma: Db, total: number, log: (line: string) => void): Promise<Timing[]> {
  const { seedSurveyDefaults, DEFAULT_TEMPLATE_KEY } = await import('@/server/demo/survey-demo');

  const t0 = performance.now();
  await seedSurveyDefaults(prisma);
  const template = await prisma.surveyTemplate.findFirstOrThrow({
    where: { key: DEFAULT_TEMPLATE_KEY },
    include: { questions: { orderBy: { position: 'asc' } } },
  });
  // Ten answers per response: the eight 1–5 ratings, the scored fee question and the NPS question.
  const answered = template.questions
    .filter((q) => q.type === 'RATING_5' || q.type === 'NPS' || (q.type === 'SINGLE_CHOICE' && q.text.includes('收费')))
    .map((q) => q.id);
  if (answered.length !== 10) throw new Error(`expected 10 answered questions, got ${answered.length}`);
  const customers = await prisma.customer.count();
  const day = 86_400_000;
  const q4Opens = new Date('2026-10-08T00:00:00+08:00');
  const campaigns = [
    { periodLabel: '2026-Q3', opensAt: new Date('2026-07-08T00:00:00+08:00'), responses: Math.round(total * 0.3) },
    { periodLabel: '2026-Q4', opensAt: q4Opens, responses: total - Math.round(total * 0.3) },
  ];
  const existing = await prisma.surveyCampaign.findMany({
    where: { name: { in: campaigns.map((c) => CAMPAIGN_NAME(c.periodLabel)) } },
    orderBy: { opensAt: 'asc' },
  });
  if (existing.length && existing.length !== campaigns.length)
    throw new Error('the database holds a partial survey load: run the bench without BENCH_REUSE');
  const ids: string[] = existing.map((c) => c.id);
  for (const c of existing.length === campaigns.length ? [] : campaigns) {
    const row = await prisma.surveyCampaign.create({
      data: {
        templateId: template.id,
        name: CAMPAIGN_NAME(c.periodLabel),
        periodLabel: c.periodLabel,
        audience: {},
        opensAt: c.opensAt,
        closesAt: new Date(c.opensAt.getTime() + 80 * day),
        status: 'CLOSED',
        launchedAt: c.opensAt,
        closedAt: new Date(c.opensAt.getTime() + 80 * day),
        reminderSchedule: [3, 7],
      },
    });
    ids.push(row.id);
    // Bulk loads run longer than the app's 30 s statement timeout: lifted for this transaction only.
    const bulk = (sql: string, ...values: unknown[]) =>
      prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe('SET LOCAL statement_timeout = 0');
          await tx.$executeRawUnsafe(sql, ...values);
        },
        { timeout: 1_800_000 },
      );
    // Every customer invited; the first `responses` of them (by id) answered.
    await bulk(
      `INSERT INTO "SurveyInvitation" (id, "campaignId", "customerId", email, "tokenHash", "sentAt", "openedAt", "respondedAt", "reminderCount", "createdAt")
       SELECT gen_random_uuid(), $1::uuid, c.id, 'c' || c.n || '@bench.cn', encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), p.at, p.at + interval '1 day',
              CASE WHEN c.n <= p.responders THEN p.at + (c.n % 30) * interval '1 day' END, CASE WHEN c.n <= p.responders THEN 0 ELSE 2 END, p.at
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Customer") c, (SELECT $2::timestamp(3) AS at, $3::int AS responders) p`,
      row.id,
      c.opensAt,
      Math.min(c.responses, customers),
    );
    await bulk(
      `INSERT INTO "SurveyResponse" (id, "campaignId", "invitationId", "customerId", "templateId", source, "submittedAt", "indexScore", "lowScore", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), i."campaignId", i.id, i."customerId", $2::uuid, 'LINK', i."respondedAt", 50 + random() * 50, random() < 0.08, i."respondedAt", i."respondedAt"
       FROM "SurveyInvitation" i WHERE i."campaignId" = $1::uuid AND i."respondedAt" IS NOT NULL`,
      row.id,
      template.id,
    );
    // Ratings lean high, as real ones do: 5 − ⌊u·v·5⌋ for uniform u, v.
    await bulk(
      `INSERT INTO "SurveyAnswer" (id, "responseId", "campaignId", "questionId", "numericValue", "choiceValues")
       SELECT gen_random_uuid(), r.id, r."campaignId", q.id,
              CASE q.type WHEN 'RATING_5' THEN 5 - floor(random() * random() * 5)::int WHEN 'NPS' THEN 10 - floor(random() * random() * 11)::int END,
              CASE WHEN q.type = 'SINGLE_CHOICE' THEN ARRAY[(ARRAY['FAIR', 'MOSTLY', 'HIGH'])[1 + floor(random() * random() * 3)::int]] ELSE ARRAY[]::text[] END
       FROM "SurveyResponse" r CROSS JOIN "SurveyQuestion" q
       WHERE r."campaignId" = $1::uuid AND q.id = ANY($2::uuid[])`,
      row.id,
      answered,
    );
    // What the submission writes on each response (survey-index.rules.ts normalisation), here computed from the
    // generated answers: dimension totals in the template's dimension order (every dimension has answers here), then
    // NPS answers by category.
    await bulk(
      `UPDATE "SurveyResponse" r SET "dimensionCodes" = t.codes, "dimensionSums" = t.sums, "dimensionCounts" = t.counts
       FROM (SELECT x."responseId", array_agg(x.code ORDER BY x.position) AS codes, array_agg(x.s ORDER BY x.position) AS sums, array_agg(x.c ORDER BY x.position) AS counts
             FROM (SELECT a."responseId", d.code, d.position, COALESCE(sum(v.value), 0) AS s, count(v.value)::int AS c
                   FROM "SurveyAnswer" a JOIN "SurveyQuestion" q ON q.id = a."questionId" JOIN "SurveyDimension" d ON d.id = q."dimensionId"
                   CROSS JOIN LATERAL (SELECT CASE q.type
                       WHEN 'RATING_5' THEN (a."numericValue" - 1) / 4.0 * 100
                       WHEN 'RATING_10' THEN (a."numericValue" - 1) / 9.0 * 100
                       WHEN 'NPS' THEN a."numericValue" * 10.0
                       WHEN 'SINGLE_CHOICE' THEN (SELECT (o->>'score')::float8 FROM jsonb_array_elements(q.options) o WHERE o->>'value' = a."choiceValues"[1])
                     END AS value) v
                   WHERE a."campaignId" = $1::uuid GROUP BY 1, 2, 3) x
             GROUP BY 1) t
       WHERE r.id = t."responseId"`,
      row.id,
    );
    await bulk(
      `UPDATE "SurveyResponse" r SET "npsPromoters" = n.p, "npsPassives" = n.m, "npsDetractors" = n.d
       FROM (SELECT a."responseId", count(*) FILTER (WHERE a."numericValue" >= 9)::int AS p, count(*) FILTER (WHERE a."numericValue" BETWEEN 7 AND 8)::int AS m,
                    count(*) FILTER (WHERE a."numericValue" <= 6)::int AS d
             FROM "SurveyAnswer" a JOIN "SurveyQuestion" q ON q.id = a."questionId" WHERE a."campaignId" = $1::uuid AND q.type = 'NPS' GROUP BY 1) n
       WHERE r.id = n."responseId"`,
      row.id,
    );
  }
  if (existing.length !== campaigns.length) {
    // The updates above left dead row versions a real database (responses written once, complete) would not have.
    await prisma.$executeRawUnsafe('VACUUM FULL ANALYZE "SurveyResponse"');
    await prisma.$executeRawUnsafe('VACUUM ANALYZE "SurveyInvitation", "SurveyAnswer", "SurveyCampaign"');
  }
  const [counts] = await prisma.$queryRaw<{ responses: number; answers: number; invitations: number }[]>`
    SELECT (SELECT count(*)::int FROM "SurveyResponse") AS responses, (SELECT count(*)::int FROM "SurveyAnswer") AS answers, (SELECT count(*)::int FROM "SurveyInvitation") AS invitations`;
  log(
    `loaded ${counts!.responses.toLocaleString('zh-CN')} survey responses, ${counts!.answers.toLocaleString('zh-CN')} answers, ${counts!.invitations.toLocaleString('zh-CN')} invitations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const execute = await graphqlRunner();
  const viewer = {
    kind: 'staff',
    userId: '00000000-0000-4000-8000-000000000000',
    role: 'ADMIN',
    departmentId: null,
  } as const;
  const run = (query: string, variables: Record<string, unknown>) => execute(viewer, query, variables);
  const q4 = ids[1]!;
  const ANALYSIS = `surveyAnalysis(filter: $f) { responses invited responseRate index formula lowScores dimensions { code score effectiveWeight answers } nps { score promoters detractors }
      questions { question { id text } answered average score textAnswers distribution { value count share } } }`;
  const STATS = `surveyCampaign(id: $id) { name stats { invited sent opened responded responseRate lowScores bySegment(segment: PROVINCE) { value invited responded responseRate index } } }`;
  const TREND = `surveyTrend(filter: $t) { periodLabel responses index nps dimensions { code score } }`;
  const BREAKDOWN = `surveyBreakdown(filter: $f, by: PROVINCE) { value responses index nps }`;
  const vars = { id: q4, f: { campaignIds: [q4] }, t: { templateKey: DEFAULT_TEMPLATE_KEY } };
  const page = `query($id: ID!, $f: SurveyAnalysisFilter!, $t: SurveyAnalysisFilter!) { ${STATS} ${ANALYSIS} ${TREND} ${BREAKDOWN} }`;
  const data = (await run(page, vars)) as { surveyAnalysis: { responses: number; index: number } };
  log(
    `campaign 2026-Q4: ${data.surveyAnalysis.responses.toLocaleString('zh-CN')} responses, index ${data.surveyAnalysis.index}`,
  );

  const timings = [
    await time('analysis page (one request: all four)', () => run(page, vars)),
    await time('  surveyAnalysis (Q4)', () => run(`query($f: SurveyAnalysisFilter!) { ${ANALYSIS} }`, { f: vars.f })),
    await time('  campaign stats + bySegment (Q4)', () => run(`query($id: ID!) { ${STATS} }`, { id: q4 })),
    await time('  surveyTrend (both quarters)', () =>
      run(`query($t: SurveyAnalysisFilter!) { ${TREND} }`, { t: vars.t }),
    ),
    await time('  surveyBreakdown by province (Q4)', () =>
      run(`query($f: SurveyAnalysisFilter!) { ${BREAKDOWN} }`, { f: vars.f }),
    ),
    await time('annualSatisfactionIndex(2026)', () =>
      run(`{ annualSatisfactionIndex(year: 2026) { index formula periods { periodLabel index } } }`, {}),
    ),
    await time('surveyTextAnswers (Q4, search)', () =>
      run(
        `query($f: SurveyAnalysisFilter!) { surveyTextAnswers(filter: $f, search: "建议") { totalCount nodes { text } } }`,
        { f: vars.f },
      ),
    ),
  ];
  for (const t of timings) log(`${t.label.padEnd(44)} median ${t.median.toFixed(0)} ms  max ${t.max.toFixed(0)} ms`);
  log(
    `heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (after the survey bench)`,
  );
  return timings;
}
