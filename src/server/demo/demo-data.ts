import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Role } from '@/generated/prisma/enums';
import { hashPassword } from '@/server/auth/passwords';
import type { Db } from '@/server/db';
import { buildSearchText } from '@/graphql/customers/customer.rules';
import { now as clockNow } from '@/server/clock';
import { officialCalendarDays } from '@/graphql/service-rules/official-holidays.rules';
import { DEFAULT_KEY_ACCOUNT_CRITERIA } from '@/graphql/key-accounts/key-account.rules';
import { todayIn } from '@/lib/format';

export const DEMO_PASSWORD = 'kefu-demo-2026';

export const DEMO_LOGINS: {
  email: string;
  name: string;
  role: Role;
  department?: string;
  where: 'console' | 'portal';
}[] = [
  { email: 'admin@kefu.demo', name: '系统管理员', role: 'ADMIN', department: 'CS', where: 'console' },
  { email: 'agent@kefu.demo', name: '王客服', role: 'SERVICE_AGENT', department: 'CS', where: 'console' },
  { email: 'quality@kefu.demo', name: '李品质', role: 'QUALITY_MANAGER', department: 'QA', where: 'console' },
  { email: 'handler@kefu.demo', name: '赵生产', role: 'DEPARTMENT_HANDLER', department: 'PROD', where: 'console' },
  { email: 'manager@kefu.demo', name: '陈部长', role: 'SERVICE_MANAGER', department: 'CS', where: 'console' },
  { email: 'executive@kefu.demo', name: '周总', role: 'EXECUTIVE', department: 'EXEC', where: 'console' },
  { email: 'dispatcher@kefu.demo', name: '孙调度', role: 'DISPATCHER', department: 'CS', where: 'console' },
  { email: 'technician@kefu.demo', name: '钱师傅', role: 'TECHNICIAN', department: 'CS', where: 'console' },
  { email: 'customer@kefu.demo', name: '刘经理（华东精密）', role: 'CUSTOMER', where: 'portal' },
];

const DEPARTMENTS = [
  { code: 'CS', name: '客户服务部' },
  { code: 'QA', name: '品质管理部' },
  { code: 'PROD', name: '生产部' },
  { code: 'SALES', name: '市场销售部' },
  { code: 'EXEC', name: '总经理办公室' },
];

const PROVINCES = ['上海', '江苏', '浙江', '广东', '北京', '山东', '四川', '湖北', '福建', '天津'];
const INDUSTRIES = ['汽车零部件', '电子电路', '机械制造', '物业管理', '食品加工', '化工', '医疗器械', '建筑工程'];
const SOURCES = ['TRADE_SHOW', 'REFERRAL', 'ADVERTISEMENT', 'WALK_IN', 'OTHER'] as const;
const STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'PROSPECT', 'SUSPENDED', 'EXPIRED'] as const;
const GRADES = ['A', 'B', 'B', 'C', 'D'] as const;
const CREDIT = ['GOOD', 'GOOD', 'GOOD', 'FAIR', 'POOR'] as const;
const PREFIX = ['华东', '华南', '中联', '鑫达', '恒信', '永盛', '博远', '天成', '宏图', '安泰', '瑞丰', '金桥'];
const SUFFIX = ['精密', '电子', '机械', '物业', '食品', '化工', '医疗', '建设', '汽配', '科技'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'];

/** A small deterministic generator, so the demo data is the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Loads the demo organisation, staff, customers and settings. Does nothing when users already exist. */
export async function seedDemoData(
  db: Db,
  { customers = 60, now = clockNow() }: { customers?: number; now?: Date } = {},
): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const random = rng(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.$transaction(
    async (tx) => {
      const departments = new Map<string, string>();
      for (const d of DEPARTMENTS) departments.set(d.code, (await tx.department.create({ data: d })).id);

      const staffIds: string[] = [];
      for (const login of DEMO_LOGINS.filter((l) => l.role !== 'CUSTOMER')) {
        const user = await tx.user.create({
          data: {
            email: login.email,
            name: login.name,
            role: login.role,
            passwordHash,
            departmentId: departments.get(login.department!) ?? null,
          },
        });
        staffIds.push(user.id);
      }

      let firstCustomerId: string | null = null;
      for (let i = 0; i < customers; i++) {
        const name =
          i === 0
            ? '华东精密汽配有限公司'
            : `${pick(PREFIX)}${pick(SUFFIX)}${['有限公司', '股份有限公司', '集团有限公司'][i % 3]}${i}`;
        const contactPerson = pick(SURNAMES) + pick(GIVEN);
        const accepted = new Date(Date.UTC(2023 + (i % 3), i % 12, 1 + (i % 27)));
        const audit = new Date(accepted.getTime() + (20 + (i % 40)) * 86_400_000);
        const contactNames = [contactPerson, pick(SURNAMES) + pick(GIVEN)];
        const customer = await tx.customer.create({
          data: {
            name,
            contractNo: `HT-${2023 + (i % 3)}-${String(1000 + i).padStart(5, '0')}`,
            certificateNo: i % 5 === 4 ? null : `CERT-${String(50_000 + i * 7)}`,
            applicationAcceptedAt: accepted,
            auditDate: audit,
            implementationDate: new Date(audit.getTime() + 10 * 86_400_000),
            plannedSurveillanceDate: new Date(audit.getTime() + 365 * 86_400_000),
            initialAuditFee: new Prisma.Decimal(8000 + (i % 9) * 1500),
            surveillanceAuditFee: new Prisma.Decimal(4000 + (i % 5) * 800),
            status: i === 0 ? 'ACTIVE' : pick(STATUSES),
            province: i === 0 ? '上海' : pick(PROVINCES),
            address: `${pick(PROVINCES)}市工业园区${10 + i}号`,
            postcode: String(200_000 + i * 37).slice(0, 6),
            contactPerson,
            phone: `021-${String(60_000_000 + i * 1117).slice(0, 8)}`,
            professionalCode: `${String(10 + (i % 30)).padStart(2, '0')}.${String(1 + (i % 9)).padStart(2, '0')}`,
            certificationScope: `${pick(INDUSTRIES)}产品的设计、生产和服务`,
            legalRepresentative: pick(SURNAMES) + pick(GIVEN),
            handler: pick(SURNAMES) + pick(GIVEN),
            businessCondition: i % 7 === 0 ? '扩张中' : '正常经营',
            businessLines: `${pick(INDUSTRIES)}；${pick(INDUSTRIES)}`,
            creditStanding: i === 0 ? 'GOOD' : pick(CREDIT),
            // A regional landmark with good credit: the key-account recompute proposes it (SPEC §2 demo).
            ...(i === 1
              ? {
                  creditStanding: 'GOOD' as const,
                  regionalLandmark: true,
                  regionalLandmarkReason: '省级重点企业，行业标杆',
                }
              : {}),
            industry: i === 0 ? '汽车零部件' : pick(INDUSTRIES),
            source: pick(SOURCES),
            grade: pick(GRADES),
            ownerId: staffIds[1 + (i % 2)] ?? null,
            searchText: buildSearchText(name, contactPerson, contactNames),
            contacts: {
              create: contactNames.map((contact, k) => ({
                name: contact,
                title: k === 0 ? '质量经理' : '采购主管',
                mobile: `13${String(800_000_000 + i * 131 + k).slice(0, 9)}`,
                email: `contact${i}-${k}@example.cn`,
                isPrimary: k === 0,
              })),
            },
            contracts: {
              create: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
                contractNo: `C-${2024 + k}-${String(i).padStart(4, '0')}-${k}`,
                title: k === 0 ? '认证服务合同' : '年度监督审核合同',
                amount: new Prisma.Decimal(20_000 + ((i * 7919 + k * 104_729) % 480_000)),
                signedAt: new Date(Date.UTC(2024 + k, (i + k) % 12, 10)),
              })),
            },
          },
        });
        firstCustomerId ??= customer.id;
      }

      const portal = DEMO_LOGINS.find((l) => l.role === 'CUSTOMER')!;
      await tx.user.create({
        data: { email: portal.email, name: portal.name, role: 'CUSTOMER', passwordHash, customerId: firstCustomerId },
      });

      // SPEC §4: department decided within 4 business hours; resolution targets by severity; callback within 7 days.
      await tx.slaRule.createMany({
        data: [
          { interactionType: 'COMPLAINT', severity: 'GENERAL', triageHours: 4, resolutionHours: 40, callbackDays: 7 },
          { interactionType: 'COMPLAINT', severity: 'MAJOR', triageHours: 4, resolutionHours: 24, callbackDays: 7 },
          { interactionType: 'COMPLAINT', severity: 'CRISIS', triageHours: 1, resolutionHours: 8, callbackDays: 7 },
          { interactionType: 'COMPLAINT', keyAccount: true, triageHours: 2, resolutionHours: 16, callbackDays: 7 },
          { interactionType: 'CONSULTATION', triageHours: 4, resolutionHours: 8, callbackDays: 7 },
          { interactionType: 'INQUIRY', triageHours: 4, resolutionHours: 8, callbackDays: 7 },
        ],
      });
      await tx.setting.createMany({
        data: [
          {
            key: 'businessHours',
            value: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' },
          },
          {
            key: 'keyAccountCriteria',
            value: DEFAULT_KEY_ACCOUNT_CRITERIA,
          },
        ],
      });
      // The State Council's holiday schedule of this year and the next, as far as published (服务规则 → 导入法定节假日).
      const year = Number(todayIn('Asia/Shanghai', now).slice(0, 4));
      await tx.calendarDay.createMany({ data: [year, year + 1].flatMap(officialCalendarDays), skipDuplicates: true });
      // SPEC §8: two published notices (none urgent: an urgent one would put a banner over every portal page).
      const publishedAt = new Date(now.getTime() - 86_400_000);
      await tx.notice.createMany({
        data: [
          {
            title: '关于认证证书新版式启用的通知',
            level: 'IMPORTANT',
            body: '<p>自下月起，新颁发的认证证书启用新版式，原证书在有效期内继续有效。</p><p>如有疑问请联系您的客服专员。</p>',
            audience: { all: true, provinces: [], industries: [], grades: [], keyAccountsOnly: false, customerIds: [] },
            status: 'PUBLISHED',
            publishAt: publishedAt,
            publishedAt,
            createdById: staffIds[0] ?? null,
          },
          {
            title: '温馨提示：春节期间服务安排',
            level: 'REMINDER',
            body: '<p>春节假期期间客服热线正常值班，在线提交的投诉与咨询将在节后第一个工作日处理。</p>',
            audience: {
              all: false,
              provinces: ['上海'],
              industries: [],
              grades: [],
              keyAccountsOnly: false,
              customerIds: [],
            },
            status: 'PUBLISHED',
            publishAt: publishedAt,
            publishedAt,
            createdById: staffIds[0] ?? null,
          },
        ],
      });
    },
    { timeout: 120_000 },
  );
  await seedDemoComplaints(db);
  const { seedDemoCallbacks } = await import('./callbacks-demo');
  await seedDemoCallbacks(db, now);
  // The default survey and three quarters of demo campaigns ending with the current one, so the analysis has a trend.
  const { seedSurveyDefaults, seedSurveyDemo } = await import('./survey-demo');
  await seedSurveyDefaults(db, { now });
  await seedSurveyDemo(db, { now });
  await seedDemoKeyAccount(db, now);
  const { seedDemoWorkOrders } = await import('./work-orders-demo');
  await seedDemoWorkOrders(db, now);
  const { seedDemoVisits } = await import('./visits-demo');
  await seedDemoVisits(db, now);
  return true;
}

/**
 * SPEC §2: one active key account, so 客户服务交流信息 has a customer to summarise — the third demo customer (not
 * 华东精密汽配有限公司, whose complaints the journeys rely on: a key account's new complaints run on the faster clock),
 * with its one-to-one owner (the service manager), a periodic callback on its schedule and an open obligation.
 * Made after the demo callbacks, which keep their periodic callback on 华东精密.
 */
async function seedDemoKeyAccount(db: Db, now: Date): Promise<void> {
  const owner = await db.user.findUniqueOrThrow({ where: { email: 'manager@kefu.demo' }, select: { id: true } });
  // The third demo customer (i = 2, named …集团有限公司2), by its contract number: the demo customers share one createdAt.
  const customer = await db.customer.findFirst({ where: { contractNo: 'HT-2025-01002' }, select: { id: true } });
  if (!customer) return;
  await db.$transaction([
    db.customer.update({
      where: { id: customer.id },
      data: { keyAccountStatus: 'ACTIVE', creditStanding: 'GOOD', ownerId: owner.id, version: { increment: 1 } },
    }),
    db.callback.create({
      data: {
        customerId: customer.id,
        reason: 'PERIODIC',
        dueAt: new Date(now.getTime() + 14 * 86_400_000),
        assigneeId: owner.id,
        notes: '重要客户季度回访：了解检验需求与难点。',
      },
    }),
    db.keyAccountObligation.create({
      data: {
        customerId: customer.id,
        kind: 'LEADERSHIP_VISIT',
        ownerId: owner.id,
        dueAt: new Date(now.getTime() + 30 * 86_400_000),
        note: '分管领导年度走访',
      },
    }),
  ]);
}

/**
 * A few intake records and complaints at different workflow steps, created through the same services the UI uses
 * (numbers from the sequences, due times from the SLA rules, history), so the queues have something to show.
 */
async function seedDemoComplaints(db: Db): Promise<void> {
  const { recordInteraction, submitInteraction } = await import('@/graphql/interactions/interaction.service');
  const { runCommand } = await import('@/graphql/complaints/complaint.service');
  const { addComplaintAction } = await import('@/graphql/complaints/complaint-work.service');
  const user = (email: string) =>
    db.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, role: true, departmentId: true, customerId: true },
    });
  const [agentUser, handlerUser, qualityUser, portalUser] = await Promise.all([
    user('agent@kefu.demo'),
    user('handler@kefu.demo'),
    user('quality@kefu.demo'),
    user('customer@kefu.demo'),
  ]);
  const staff = (u: typeof agentUser) => ({
    kind: 'staff' as const,
    userId: u.id,
    role: u.role as Exclude<Role, 'CUSTOMER'>,
    departmentId: u.departmentId,
  });
  const agent = staff(agentUser);
  const handler = staff(handlerUser);
  const quality = staff(qualityUser);
  const customer = { kind: 'customer' as const, userId: portalUser.id, customerId: portalUser.customerId! };
  const prod = await db.department.findUniqueOrThrow({ where: { code: 'PROD' }, select: { id: true } });
  const another = await db.customer.findFirstOrThrow({
    where: { id: { not: customer.customerId } },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });

  await submitInteraction(customer, {
    idempotencyKey: 'demo-complaint-1',
    type: 'COMPLAINT',
    subject: '第 2025-118 批次支架孔位偏移',
    description: '11 月到货的 2,000 件支架中抽检 50 件，孔位偏移 0.3 mm，导致装配线停线 2 小时。',
    desiredOutcome: '更换不良品并提供 8D 报告',
  });
  let major = await recordInteraction(agent, {
    type: 'COMPLAINT',
    channel: 'PHONE',
    customerId: customer.customerId,
    contactName: '刘经理',
    contactPhone: '13800000001',
    subject: '来料表面划伤',
    description: '客户来电：本周两批货表面划伤比例约 3%。',
  });
  major = await runCommand(agent, major.id, major.version, {
    type: 'TRIAGE',
    severity: 'MAJOR',
    causeClass: 'QUALITY',
    triageResult: 'WITHIN_AUTHORITY',
    responsibleDepartmentId: prod.id,
    ownerId: handlerUser.id,
  });
  major = await runCommand(handler, major.id, major.version, { type: 'START_INVESTIGATION' });
  // Every action has an owner and a due date (it escalates past it): three days from the demo's start.
  const actionDue = new Date(Date.now() + 3 * 24 * 3600_000);
  await addComplaintAction(handler, major.id, {
    kind: 'CONTAINMENT',
    description: '在库及在途产品全数挑选',
    ownerId: handlerUser.id,
    dueAt: actionDue,
  });

  let general = await recordInteraction(agent, {
    type: 'COMPLAINT',
    channel: 'EMAIL',
    customerId: another.id,
    // Written in by a contact without a portal account: they answer the resolution from /track or the mail's link.
    contactName: '陈会计',
    contactPhone: '13900000002',
    subject: '发票抬头错误',
    description: '客户邮件反映发票抬头与合同不一致。',
  });
  general = await runCommand(agent, general.id, general.version, {
    type: 'TRIAGE',
    severity: 'GENERAL',
    causeClass: 'NON_QUALITY',
    triageResult: 'WITHIN_AUTHORITY',
    responsibleDepartmentId: prod.id,
    ownerId: handlerUser.id,
  });
  general = await runCommand(handler, general.id, general.version, { type: 'START_INVESTIGATION' });
  const action = await addComplaintAction(handler, general.id, {
    kind: 'CORRECTIVE',
    description: '重开发票并更新客户开票资料',
    ownerId: handlerUser.id,
    dueAt: actionDue,
    status: 'DONE',
  });
  general = await runCommand(handler, general.id, general.version, { type: 'PLAN_ACTIONS' });
  general = await runCommand(handler, general.id, general.version, { type: 'START_IMPLEMENTATION' });
  general = await runCommand(handler, general.id, general.version, { type: 'COMPLETE_IMPLEMENTATION' });
  await runCommand(quality, general.id, general.version, {
    type: 'VERIFY',
    effective: true,
    comment: `措施 ${action.description} 已完成`,
  });

  const consultation = await recordInteraction(agent, {
    type: 'CONSULTATION',
    channel: 'PHONE',
    customerId: another.id,
    subject: '监督审核时间咨询',
    description: '客户询问下次监督审核的安排。',
  });
  await runCommand(agent, consultation.id, consultation.version, {
    type: 'ANSWER',
    answer: '计划于下月中旬安排，审核组长会提前一周联系。',
  });
}
