// The bench's database: a company's history, loaded set-based (generate_series) into a freshly migrated schema.
//
// Shape (at BENCH_SCALE=1): 100,000 customers with 225,000 contacts and 250,000 contracts; 1,000,000 interactions over
// five years (more recent years busier), 350,000 of them complaints — all but 15,000 closed, with triage, due, resolved
// and closed times in the past (a few recent ones resolved early, so their due time is still ahead) — spread Zipf-like
// over customers (the biggest customer has tens of thousands of records, most have a handful), departments, owners,
// agents and severities; the open ones mostly overdue, as a real backlog is. Around them: the staff (ten departments,
// 120 department handlers, 30 agents, managers), a post-resolution callback per resolved complaint (done unless the
// complaint still waits for it) and quarterly key-account callbacks, the notifications those steps sent (read, except
// recent ones), the open complaints' history, SLA rules, business hours and the official holiday calendar.
//
// Ids are derived from numbers (uid('c', n) is customer n), so every table refers to the others without lookups.
// Foreign keys and triggers are off while loading (session_replication_role = replica): the rows are consistent by
// construction, and `checkHistory` verifies the references afterwards.
import type pg from 'pg';
import type { HistorySizes } from './config';

export const STAFF_PASSWORD = 'kefu-bench-2026';

/** Departments: complaints go to the first eight, Zipf-like in this order (production gets most). */
export const DEPARTMENTS = [
  ['PROD', '生产部'],
  ['QA', '品质管理部'],
  ['ENG', '工程技术部'],
  ['FS', '售后服务部'],
  ['LOG', '物流部'],
  ['PUR', '采购部'],
  ['SALES', '市场销售部'],
  ['CS', '客户服务部'],
  ['FIN', '财务部'],
  ['EXEC', '总经理办公室'],
] as const;
const RESPONSIBLE_DEPARTMENTS = 8;
export const HANDLERS_PER_DEPARTMENT = 12;
export const AGENTS = 30;

/** User numbers (uid('u', n)): admin 1, service managers 2–4, executives 5–6, quality 7–10, agents 11–40, handlers 101–196. */
export const USER_NUMBERS = { admin: 1, firstAgent: 11, firstHandler: 101 } as const;

/** A deterministic RFC 4122 version-4 UUID from a prefix and a number (SQL), so rows can name each other by number. */
export const uid = (prefix: string, n: string) =>
  `overlay(overlay(md5('${prefix}' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;

/** The same UUID computed in JavaScript. */
export async function uidOf(db: pg.ClientBase | pg.Pool, prefix: string, n: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT ${uid(prefix, '$1::int')} AS id`, [n]);
  return rows[0]!.id;
}

/**
 * A Zipf-like rank in 1..n for a uniform u in [0, 1): P(rank r) ∝ r^-s, by inverting the continuous distribution.
 * s = 1 gives the classic 1/r (the first of 8 departments gets a third of the complaints); s = 0.9 over 100,000
 * customers gives the first customer about 4 % of all records.
 */
function zipf(n: number, s: number, u: string): string {
  if (s === 1) return `least(${n}, floor(power(${n + 1}, ${u}))::int)`;
  const a = 1 - s;
  return `least(${n}, floor(power((power(${n + 1}, ${a}) - 1) * ${u} + 1, ${1 / a}))::int)`;
}

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
const PROVINCES = ['上海', '江苏', '浙江', '广东', '北京', '山东', '四川', '湖北', '福建', '天津', '河南', '安徽'];
const INDUSTRIES = ['汽车零部件', '电子电路', '机械制造', '物业管理', '食品加工', '化工', '医疗器械', '建筑工程'];
const PREFIX = ['华东', '华南', '中联', '鑫达', '恒信', '永盛', '博远', '天成', '宏图', '安泰', '瑞丰', '金桥'];
const SUFFIX = ['精密', '电子', '机械', '物业', '食品', '化工', '医疗', '建设', '汽配', '科技'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'];
const COMPLAINT_SUBJECTS = [
  '外径尺寸超差',
  '表面划伤',
  '包装破损',
  '交货延迟',
  '发票信息错误',
  '焊点虚焊',
  '批次混料',
  '服务态度差',
  '安装调试不及时',
  '检测报告缺失',
];
const QUESTION_SUBJECTS = [
  '认证流程咨询',
  '费用构成咨询',
  '证书状态查询',
  '审核日期查询',
  '监督审核安排',
  '资料清单咨询',
  '发票开具咨询',
  '改进建议',
];

/** A contact's name (customer n, its k-th contact; k = 0 is the contact person), the same in SQL everywhere. */
const contactName = (n: string, k: string) =>
  `(${sqlArray(SURNAMES)})[1 + ((${n}) * 7 + (${k}) * 3) % 10] || (${sqlArray(GIVEN)})[1 + ((${n}) * 3 + (${k}) * 7) % 10] || CASE WHEN (${k}) > 0 THEN (${k})::text ELSE '' END`;

export type LoadedHistory = { seconds: number; counts: Record<string, number>; checks: Record<string, number> };

export async function loadHistory(
  db: pg.ClientBase,
  sizes: HistorySizes,
  now: Date,
  log: (line: string) => void,
): Promise<LoadedHistory> {
  const started = performance.now();
  const T0 = `'${now.toISOString()}'::timestamp`;
  const C = sizes.customers;
  const keyAccounts = Math.max(1, Math.round(C / 100));
  await db.query(`SET statement_timeout = 0; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SET synchronous_commit = off;
                  SET max_parallel_workers_per_gather = 0; SET TIME ZONE 'UTC'`);
  await db
    .query('SET session_replication_role = replica')
    .catch(() => log('  (not a superuser: loading with foreign keys checked, which is slower)'));
  await db.query('SELECT setseed(0.2026)');

  const step = async (label: string, sql: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = await db.query(sql, values);
    log(
      `  ${label.padEnd(34)} ${String(result.rowCount ?? '').padStart(9)} rows  ${((performance.now() - t) / 1000).toFixed(1).padStart(5)} s`,
    );
  };

  // The migrations' secondary indexes are dropped while loading and built again afterwards from their own definitions:
  // one sorted build per index is several times faster than maintaining twenty indexes row by row.
  const { rows: indexes } = await db.query<{ name: string; def: string }>(
    `SELECT format('%I', c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public' AND t.relname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [['Customer', 'Contact', 'Contract', 'Interaction', 'Callback', 'Notification', 'HistoryEntry']],
  );
  if (indexes.length) await db.query(`DROP INDEX ${indexes.map((i) => i.name).join(', ')}`);
  try {
    const { hashPassword } = await import('@/server/auth/passwords');
    const passwordHash = await hashPassword(STAFF_PASSWORD);

    await step(
      'departments',
      `INSERT INTO "Department" (id, code, name, "createdAt", "updatedAt")
       SELECT ${uid('d', 'd.k')}, d.code, d.name, ${T0} - interval '6 years', ${T0} - interval '6 years'
       FROM (SELECT row_number() OVER () AS k, code, name FROM unnest(${sqlArray(DEPARTMENTS.map((d) => d[0]))}, ${sqlArray(DEPARTMENTS.map((d) => d[1]))}) AS t(code, name)) d`,
    );
    const dept = (code: string) => DEPARTMENTS.findIndex((d) => d[0] === code) + 1;
    await step(
      'staff',
      `INSERT INTO "User" (id, email, name, "passwordHash", role, "departmentId", "createdAt", "updatedAt")
       SELECT ${uid('u', 'u.n')}, u.email, u.name, $1, u.role::"Role", ${uid('d', 'u.dept')}, ${T0} - interval '6 years', ${T0} - interval '6 years'
       FROM (
         SELECT 1 AS n, 'admin@kefu.bench' AS email, '系统管理员' AS name, 'ADMIN' AS role, ${dept('CS')} AS dept
         UNION ALL SELECT n, 'manager' || (n - 1) || '@kefu.bench', '客服部部长' || (n - 1), 'SERVICE_MANAGER', ${dept('CS')} FROM generate_series(2, 4) n
         UNION ALL SELECT n, 'executive' || (n - 4) || '@kefu.bench', '总经理' || (n - 4), 'EXECUTIVE', ${dept('EXEC')} FROM generate_series(5, 6) n
         UNION ALL SELECT n, 'quality' || (n - 6) || '@kefu.bench', '品质经理' || (n - 6), 'QUALITY_MANAGER', ${dept('QA')} FROM generate_series(7, 10) n
         UNION ALL SELECT n, 'agent' || (n - 10) || '@kefu.bench', '客服专员' || (n - 10), 'SERVICE_AGENT', ${dept('CS')} FROM generate_series(11, ${10 + AGENTS}) n
         UNION ALL SELECT 100 + (d - 1) * ${HANDLERS_PER_DEPARTMENT} + j, 'handler' || d || '-' || j || '@kefu.bench', '处理人' || d || '-' || j, 'DEPARTMENT_HANDLER', d
           FROM generate_series(1, ${RESPONSIBLE_DEPARTMENTS}) d, generate_series(1, ${HANDLERS_PER_DEPARTMENT}) j
       ) u`,
      [passwordHash],
    );
    await step(
      'department heads',
      `UPDATE "Department" d SET "headId" = ${uid('u', `100 + (k - 1) * ${HANDLERS_PER_DEPARTMENT} + 1`)}
       FROM (SELECT ${uid('d', 'k')} AS id, k FROM generate_series(1, ${RESPONSIBLE_DEPARTMENTS}) k) x WHERE d.id = x.id`,
    );

    // Customers: contact k of customer n is contact j = n + k·C (so each has ⌈contacts/C⌉ or ⌊contacts/C⌋ of them); the
    // search text holds the name, the contact person and every contact's name, as the service maintains it.
    const contactsOf = (n: string) => `(${sizes.contacts} - (${n})) / ${C} + 1`;
    await step(
      'customers',
      `INSERT INTO "Customer" (id, "contractNo", "certificateNo", name, "applicationAcceptedAt", "auditDate", "initialAuditFee", "surveillanceAuditFee",
         "plannedSurveillanceDate", "implementationDate", status, province, address, postcode, "contactPerson", phone, "professionalCode",
         "certificationScope", "legalRepresentative", handler, "businessCondition", "businessLines", "creditStanding", industry, source, grade,
         "keyAccountStatus", "ownerId", "searchText", "archivedAt", version, "createdAt", "updatedAt")
       SELECT ${uid('c', 'n')}, 'KH-' || lpad(n::text, 7, '0'), 'ZS-' || lpad(n::text, 7, '0'), x.name,
              x.created::date, x.created::date + 30, (5 + n % 60) * 1000, (2 + n % 20) * 500, x.created::date + 365, x.created::date + 45,
              (ARRAY['ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','ACTIVE','PROSPECT','SUSPENDED','EXPIRED'])[1 + n % 10]::"CustomerStatus",
              (${sqlArray(PROVINCES)})[1 + n % ${PROVINCES.length}], (${sqlArray(PROVINCES)})[1 + n % ${PROVINCES.length}] || '市工业园区' || (n % 300) || '号',
              lpad((100000 + n % 800000)::text, 6, '0'), x.person, '021-' || lpad((50000000 + n)::text, 8, '0'), 'PC' || (n % 40),
              'ISO 9001 质量管理体系认证：' || (${sqlArray(INDUSTRIES)})[1 + n % 8] || '产品的设计与生产', (${sqlArray(SURNAMES)})[1 + n % 10] || '总',
              (${sqlArray(SURNAMES)})[1 + (n / 10) % 10] || '经办', '经营正常', (${sqlArray(INDUSTRIES)})[1 + n % 8],
              (ARRAY['GOOD','GOOD','GOOD','GOOD','GOOD','GOOD','GOOD','GOOD','FAIR','POOR'])[1 + (n / 3) % 10]::"CreditStanding",
              (${sqlArray(INDUSTRIES)})[1 + n % 8], (ARRAY['TRADE_SHOW','REFERRAL','ADVERTISEMENT','WALK_IN','OTHER'])[1 + n % 5]::"CustomerSource",
              (ARRAY['A','B','B','C','D'])[1 + n % 5]::"CustomerGrade",
              CASE WHEN n <= ${keyAccounts} THEN 'ACTIVE' WHEN n <= ${keyAccounts * 2} THEN 'CANDIDATE' ELSE 'NONE' END::"KeyAccountStatus",
              CASE WHEN n % 5 = 0 THEN NULL ELSE ${uid('u', `${USER_NUMBERS.firstAgent} + n % ${AGENTS}`)} END,
              lower(x.name || ' ' || (SELECT string_agg(${contactName('n', 'k')}, ' ' ORDER BY k) FROM generate_series(0, ${contactsOf('n')} - 1) k)),
              CASE WHEN n % 100 = 99 THEN x.updated END, 1 + n % 7, x.created, x.updated
       FROM generate_series(1, ${C}) n
       CROSS JOIN LATERAL (SELECT (${sqlArray(PREFIX)})[1 + n % 12] || (${sqlArray(SUFFIX)})[1 + (n / 12) % 10] || (ARRAY['有限公司','股份有限公司','集团有限公司'])[1 + n % 3] || n AS name,
                                  ${contactName('n', '0')} AS person,
                                  ${T0} - interval '8 years' * (1 - sqrt(random())) AS created) x0
       CROSS JOIN LATERAL (SELECT x0.*, x0.created + (${T0} - x0.created) * random() AS updated) x`,
    );
    await step(
      'contacts',
      `INSERT INTO "Contact" (id, "customerId", name, title, phone, mobile, email, "isPrimary", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), ${uid('c', 'c.n')}, ${contactName('c.n', 'c.k')}, (ARRAY['质量经理','采购经理','总经理','技术主管','财务'])[1 + c.k % 5],
              '021-' || lpad((60000000 + j)::text, 8, '0'), '139' || lpad(j::text, 8, '0'), 'contact' || j || '@customer' || c.n || '.cn', c.k = 0,
              ${T0} - interval '8 years' + c.k * interval '1 day' + c.n * interval '1 second', ${T0} - interval '1 year'
       FROM generate_series(1, ${sizes.contacts}) j CROSS JOIN LATERAL (SELECT 1 + (j - 1) % ${C} AS n, (j - 1) / ${C} AS k) c`,
    );
    await step(
      'contracts',
      `INSERT INTO "Contract" (id, "customerId", "contractNo", title, amount, "signedAt", "startsAt", "endsAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), ${uid('c', 'c.n')}, 'HT-' || lpad(j::text, 8, '0'), (ARRAY['初次认证','监督审核','再认证','扩项'])[1 + c.k % 4] || '合同',
              (20000 + (j * 7919) % 480000)::numeric(14, 2), c.signed, c.signed + 10, c.signed + 1095, c.signed + c.k * interval '1 hour', c.signed + interval '1 day'
       FROM generate_series(1, ${sizes.contracts}) j
       CROSS JOIN LATERAL (SELECT 1 + (j - 1) % ${C} AS n, (j - 1) / ${C} AS k, (${T0} - interval '6 years' + ((j - 1) / ${C}) * interval '400 days' + (j % 300) * interval '1 day')::date AS signed) c`,
    );

    // Interactions: a staging table of random draws, then the rows in time order (a real table fills in time order, and
    // the planner's correlation statistics depend on it). Complaints 1..openComplaints are the open ones.
    const N = sizes.interactions;
    const K = sizes.complaints;
    const O = sizes.openComplaints;
    const others = N - K;
    const consultations = Math.round(others * 0.6);
    const inquiries = Math.round(others * 0.27);
    await step(
      'interaction draws',
      `CREATE TEMP TABLE bench_draw AS
       SELECT i, CASE WHEN i <= ${K} THEN 'COMPLAINT' WHEN i <= ${K + consultations} THEN 'CONSULTATION' WHEN i <= ${K + consultations + inquiries} THEN 'INQUIRY' ELSE 'SUGGESTION' END AS type,
              i <= ${O} AS open, random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6, random() AS u7, random() AS u8, random() AS u9,
              random() AS u10, random() AS u11, random() AS u12
       FROM generate_series(1, ${N}) i`,
    );
    // Calendar approximations of the SLA rules below (40/24/8 business hours, key accounts 16): 7, 4.5, 1.5 and 3 days.
    await step(
      'interaction lifecycles',
      `CREATE TEMP TABLE bench_life AS
       SELECT d.i, d.type, d.open, d.u4, d.u7, d.u8, d.u9 < 0.06 AS unassigned,
              CASE WHEN d.u8 < 0.03 THEN NULL ELSE ${zipf(C, 0.9, 'd.u1')} END AS customer_n,
              ${USER_NUMBERS.firstAgent - 1} + ${zipf(AGENTS, 0.6, 'd.u10')} AS agent_n,
              ${zipf(RESPONSIBLE_DEPARTMENTS, 1, 'd.u11')} AS dept_k,
              ${zipf(HANDLERS_PER_DEPARTMENT, 0.8, 'd.u12')} AS handler_j,
              CASE WHEN d.type <> 'COMPLAINT' THEN NULL WHEN d.u3 < 0.03 THEN 'CRISIS' WHEN d.u3 < 0.18 THEN 'MAJOR' ELSE 'GENERAL' END AS severity,
              CASE WHEN d.type <> 'COMPLAINT' THEN NULL
                   WHEN d.open THEN (ARRAY['REGISTERED','TRIAGED','INVESTIGATING','INVESTIGATING','ACTION_PLANNED','PENDING_APPROVAL','IMPLEMENTING','IMPLEMENTING','VERIFYING','REOPENED'])
                                    [1 + floor(d.u4 * 10)::int]
                   WHEN d.u4 < 0.05 THEN 'REJECTED' END AS open_or_rejected,
              CASE WHEN d.type = 'COMPLAINT' AND d.open THEN ${T0} - interval '90 days' * d.u2 * d.u2 - interval '10 minutes'
                   WHEN d.type = 'COMPLAINT' THEN ${T0} - interval '3 days' - interval '1823 days' * (1 - sqrt(d.u2))
                   WHEN d.u4 < 0.02 THEN ${T0} - interval '7 days' * d.u2 - interval '10 minutes'
                   ELSE ${T0} - interval '1 hour' - interval '1826 days' * (1 - sqrt(d.u2)) END AS created,
              CASE WHEN d.u3 < 0.03 THEN interval '36 hours' WHEN d.u3 < 0.18 THEN interval '108 hours' ELSE interval '7 days' END AS sla,
              d.u5 AS pace, d.u6 AS follow
       FROM bench_draw d`,
    );
    await step(
      'interaction times',
      `CREATE TEMP TABLE bench_i AS
       SELECT l.*, ${uid('i', 'l.i')} AS id,
              l.customer_n IS NOT NULL AND l.customer_n <= ${keyAccounts} AS key_account,
              CASE WHEN l.type = 'COMPLAINT' AND l.open_or_rejected IS DISTINCT FROM 'REGISTERED' THEN l.created + interval '6 hours' * l.pace END AS triaged,
              l.created + CASE WHEN l.customer_n <= ${keyAccounts} THEN least(l.sla, interval '3 days') ELSE l.sla END AS resolution_due,
              CASE WHEN l.type = 'COMPLAINT' AND l.open_or_rejected IS NULL
                   THEN least(l.created + CASE WHEN l.customer_n <= ${keyAccounts} THEN least(l.sla, interval '3 days') ELSE l.sla END * (0.1 + 1.05 * l.pace), ${T0} - interval '1 hour') END AS resolved,
              row_number() OVER (PARTITION BY l.type, extract(year FROM l.created + interval '8 hours') ORDER BY l.created, l.i) AS running
       FROM bench_life l`,
    );
    await step(
      'callback and closure times',
      `CREATE TEMP TABLE bench_c AS
       SELECT b.*, b.resolved + interval '12 hours' + interval '6 days' * b.follow AS callback_done,
              b.resolved + interval '12 hours' + interval '6 days' * b.follow + interval '12 hours' + interval '5 days' * b.u7 AS closed
       FROM bench_i b`,
    );
    const status = `CASE WHEN b.type <> 'COMPLAINT' THEN CASE WHEN b.created > ${T0} - interval '7 days' AND b.u7 < 0.5 THEN 'REGISTERED' ELSE 'CLOSED' END
                         WHEN b.open_or_rejected IS NOT NULL THEN b.open_or_rejected
                         WHEN b.callback_done > ${T0} THEN 'RESOLVED'
                         WHEN b.closed > ${T0} THEN 'FOLLOW_UP_DONE'
                         ELSE 'CLOSED' END`;
    await step(
      'interaction statuses',
      `CREATE TEMP TABLE bench_x AS SELECT b.*, ${status} AS status,
              (ARRAY['TS','ZX','CX','JY'])[CASE b.type WHEN 'COMPLAINT' THEN 1 WHEN 'CONSULTATION' THEN 2 WHEN 'INQUIRY' THEN 3 ELSE 4 END]
                || '-' || extract(year FROM b.created + interval '8 hours') || '-' || lpad(b.running::text, 6, '0') AS number
       FROM bench_c b`,
    );
    await db.query('CREATE INDEX ON bench_x (i)');
    const handler = (x: string) => uid('u', `100 + (${x}.dept_k - 1) * ${HANDLERS_PER_DEPARTMENT} + ${x}.handler_j`);
    await step(
      'interactions',
      `INSERT INTO "Interaction" (id, number, type, channel, status, "customerId", "companyName", "contactName", "contactPhone", "contactEmail", subject,
         description, severity, "causeClass", "triageResult", "declineReason", "responsibleDepartmentId", "ownerId", "registeredById", "isKeyAccount",
         "requires8D", "triageDueAt", "resolutionDueAt", "callbackDueAt", "triagedAt", "resolvedAt", "closedAt", "customerFeedback", "escalationLevel",
         version, "createdAt", "updatedAt")
       SELECT x.id, x.number, x.type::"InteractionType",
              (ARRAY['PORTAL','PHONE','PHONE','EMAIL','VISIT','LETTER_FAX','API'])[1 + floor(x.u8 * 7)::int]::"Channel", x.status::"InteractionStatus",
              CASE WHEN x.customer_n IS NOT NULL THEN ${uid('c', 'x.customer_n')} END,
              CASE WHEN x.customer_n IS NULL THEN '匿名来访单位' || x.i END, CASE WHEN x.customer_n IS NULL THEN '来访人' || x.i END,
              CASE WHEN x.customer_n IS NULL THEN '138' || lpad(x.i::text, 8, '0') END, NULL,
              CASE WHEN x.type = 'COMPLAINT' THEN (${sqlArray(COMPLAINT_SUBJECTS)})[1 + x.i % 10] || ' — 批次 ' || x.i
                   ELSE (${sqlArray(QUESTION_SUBJECTS)})[1 + x.i % 8] || ' ' || x.i END,
              CASE WHEN x.type = 'COMPLAINT' THEN '客户反映：' || (${sqlArray(COMPLAINT_SUBJECTS)})[1 + x.i % 10] || '，涉及批次 ' || x.i || '，数量约 ' || (x.i % 500 + 20)
                     || ' 件。客户要求尽快查明原因并给出纠正措施，必要时安排退换货，并提供书面的原因分析报告。'
                   ELSE '客户来电咨询相关事项，希望了解具体流程、所需资料和时间安排，请相关部门按规定答复。' END,
              CASE WHEN x.status = 'REGISTERED' OR x.type <> 'COMPLAINT' THEN NULL ELSE x.severity END::"Severity",
              CASE WHEN x.status = 'REGISTERED' OR x.type <> 'COMPLAINT' THEN NULL WHEN x.u7 < 0.6 THEN 'QUALITY' ELSE 'NON_QUALITY' END::"CauseClass",
              CASE WHEN x.type <> 'COMPLAINT' OR x.status = 'REGISTERED' THEN NULL WHEN x.status = 'REJECTED' THEN 'UNREASONABLE'
                   WHEN x.u8 < 0.1 THEN 'BEYOND_AUTHORITY' ELSE 'WITHIN_AUTHORITY' END::"TriageResult",
              CASE WHEN x.status = 'REJECTED' THEN '经核实不属于本公司责任范围，已向客户说明。' END,
              CASE WHEN x.type <> 'COMPLAINT' OR x.status IN ('REGISTERED', 'REJECTED') THEN NULL ELSE ${uid('d', 'x.dept_k')} END,
              CASE WHEN x.type <> 'COMPLAINT' OR x.status IN ('REGISTERED', 'REJECTED') OR x.unassigned THEN NULL ELSE ${handler('x')} END,
              ${uid('u', 'x.agent_n')}, x.key_account AND x.type = 'COMPLAINT', x.type = 'COMPLAINT' AND x.severity <> 'GENERAL' AND x.u7 < 0.6,
              x.created + interval '4 hours', CASE WHEN x.type = 'COMPLAINT' THEN x.resolution_due END,
              CASE WHEN x.resolved IS NOT NULL THEN x.resolved + interval '7 days' END,
              x.triaged, x.resolved,
              CASE WHEN x.status = 'CLOSED' AND x.type = 'COMPLAINT' THEN x.closed WHEN x.status = 'CLOSED' THEN x.created + interval '3 hours'
                   WHEN x.status = 'REJECTED' THEN x.triaged END,
              CASE WHEN x.status IN ('CLOSED', 'FOLLOW_UP_DONE') AND x.type = 'COMPLAINT' THEN 'ACCEPTED' END::"CustomerFeedback",
              CASE WHEN x.open AND x.resolution_due < ${T0} THEN 1 ELSE 0 END,
              1 + (x.status <> 'REGISTERED')::int * 3, x.created,
              greatest(x.created, coalesce(CASE WHEN x.status = 'CLOSED' AND x.type = 'COMPLAINT' THEN x.closed END, x.resolved, x.triaged, x.created))
       FROM bench_x x ORDER BY x.created, x.i`,
    );

    // Callbacks: one after each resolution (due in 7 days; done when the complaint moved on), and key accounts' quarterly
    // callbacks over five years (the coming one pending).
    await step(
      'post-resolution callbacks',
      `INSERT INTO "Callback" (id, "customerId", "interactionId", reason, status, "dueAt", "assigneeId", "completedAt", "completedById", outcome,
         "accuracyScore", "timelinessScore", "attitudeScore", "problemFound", version, "createdAt")
       SELECT gen_random_uuid(), CASE WHEN x.customer_n IS NOT NULL THEN ${uid('c', 'x.customer_n')} END, x.id, 'POST_RESOLUTION',
              CASE WHEN x.status = 'RESOLVED' THEN 'PENDING' ELSE 'DONE' END::"CallbackStatus", x.resolved + interval '7 days', ${uid('u', 'x.agent_n')},
              CASE WHEN x.status <> 'RESOLVED' THEN x.callback_done END, CASE WHEN x.status <> 'RESOLVED' THEN ${uid('u', 'x.agent_n')} END,
              CASE WHEN x.status = 'RESOLVED' THEN NULL WHEN x.u8 < 0.05 THEN 'UNREACHABLE' ELSE 'NO_PROBLEM' END::"CallbackOutcome",
              CASE WHEN x.status <> 'RESOLVED' THEN 3 + x.i % 3 END, CASE WHEN x.status <> 'RESOLVED' THEN 3 + x.i % 3 END, CASE WHEN x.status <> 'RESOLVED' THEN 4 + x.i % 2 END,
              false, CASE WHEN x.status = 'RESOLVED' THEN 1 ELSE 2 END, x.resolved
       FROM bench_x x WHERE x.resolved IS NOT NULL`,
    );
    await step(
      'key-account callbacks',
      `INSERT INTO "Callback" (id, "customerId", reason, status, "dueAt", "assigneeId", "completedAt", "completedById", outcome, "problemFound", version, "createdAt")
       SELECT gen_random_uuid(), ${uid('c', 'n')}, 'KEY_ACCOUNT', CASE WHEN k.due < ${T0} - interval '3 days' THEN 'DONE' ELSE 'PENDING' END::"CallbackStatus", k.due,
              ${uid('u', `${USER_NUMBERS.firstAgent} + n % ${AGENTS}`)}, CASE WHEN k.due < ${T0} - interval '3 days' THEN k.due - interval '1 day' END,
              CASE WHEN k.due < ${T0} - interval '3 days' THEN ${uid('u', `${USER_NUMBERS.firstAgent} + n % ${AGENTS}`)} END,
              CASE WHEN k.due < ${T0} - interval '3 days' THEN 'NO_PROBLEM' END::"CallbackOutcome", false, 1, k.due - interval '30 days'
       FROM generate_series(1, ${keyAccounts}) n CROSS JOIN generate_series(0, 20) q
       CROSS JOIN LATERAL (SELECT ${T0} - interval '5 years' + q * interval '91 days' + (n % 60) * interval '1 day' AS due) k
       WHERE k.due < ${T0} + interval '60 days'`,
    );

    // Notifications: the owner told of each assignment, the agent of each callback to make, owners and department heads of
    // overdue open complaints; read within two days, except recent ones.
    await step(
      'notifications',
      `INSERT INTO "Notification" (id, "userId", kind, title, "entityType", "entityId", "readAt", "createdAt")
       SELECT gen_random_uuid(), n.user_id, n.kind, n.title, 'Interaction', n.entity_id,
              CASE WHEN n.at > ${T0} - interval '2 days' AND n.u < 0.6 THEN NULL WHEN n.u < 0.01 THEN NULL ELSE n.at + interval '48 hours' * n.u END, n.at
       FROM (
         SELECT ${handler('x')} AS user_id, 'COMPLAINT_ASSIGNED' AS kind, '投诉已分派给您：' || x.number || ' ' || (${sqlArray(COMPLAINT_SUBJECTS)})[1 + x.i % 10] AS title,
                x.id AS entity_id, x.triaged AS at, x.follow AS u
         FROM bench_x x WHERE x.type = 'COMPLAINT' AND x.triaged IS NOT NULL AND x.status <> 'REJECTED' AND NOT x.unassigned
         UNION ALL
         SELECT ${uid('u', 'x.agent_n')}, 'CALLBACK_CREATED', '投诉已解决，请在期限内回访：' || x.number, x.id, x.resolved, x.pace
         FROM bench_x x WHERE x.resolved IS NOT NULL
         UNION ALL
         SELECT ${uid('u', `100 + (x.dept_k - 1) * ${HANDLERS_PER_DEPARTMENT} + 1`)}, 'ESCALATION_RESOLUTION_OVERDUE', '投诉处理已超期：' || x.number, x.id,
                x.resolution_due + interval '1 hour', x.u4
         FROM bench_x x WHERE x.open AND x.status <> 'REGISTERED' AND x.resolution_due < ${T0}
       ) n`,
    );
    // History of the open complaints: registration, triage and each step up to where they are now.
    const STEPS = [
      'REGISTERED',
      'TRIAGED',
      'INVESTIGATING',
      'ACTION_PLANNED',
      'PENDING_APPROVAL',
      'IMPLEMENTING',
      'VERIFYING',
      'RESOLVED',
      'REOPENED',
    ];
    await step(
      'open complaints history',
      `INSERT INTO "HistoryEntry" (id, "entityType", "entityId", action, "fromState", "toState", "actorId", "createdAt")
       SELECT gen_random_uuid(), 'Interaction', x.id, CASE WHEN s.k = 1 THEN 'CREATE' ELSE 'TRANSITION' END,
              CASE WHEN s.k > 1 THEN (${sqlArray(STEPS)})[s.k - 1] END, (${sqlArray(STEPS)})[s.k],
              CASE WHEN s.k = 1 THEN ${uid('u', 'x.agent_n')} WHEN s.k = 2 THEN ${uid('u', '7')} ELSE ${handler('x')} END,
              CASE WHEN s.k = 1 THEN x.created ELSE x.triaged + (${T0} - interval '1 hour' - x.triaged) * (s.k - 2) / greatest(1, s.last - 1) END
       FROM bench_x x
       CROSS JOIN LATERAL (SELECT array_position(${sqlArray(STEPS)}, x.status) AS last) p
       CROSS JOIN LATERAL (SELECT k, p.last FROM generate_series(1, p.last) k) s
       WHERE x.open`,
    );

    await step(
      'SLA rules and settings',
      `INSERT INTO "SlaRule" (id, "interactionType", severity, "keyAccount", "triageHours", "resolutionHours", "callbackDays", "updatedAt")
       VALUES (gen_random_uuid(), 'COMPLAINT', 'GENERAL', NULL, 4, 40, 7, ${T0}), (gen_random_uuid(), 'COMPLAINT', 'MAJOR', NULL, 4, 24, 7, ${T0}),
              (gen_random_uuid(), 'COMPLAINT', 'CRISIS', NULL, 1, 8, 7, ${T0}), (gen_random_uuid(), 'COMPLAINT', NULL, true, 2, 16, 7, ${T0}),
              (gen_random_uuid(), 'CONSULTATION', NULL, NULL, 4, 8, 7, ${T0}), (gen_random_uuid(), 'INQUIRY', NULL, NULL, 4, 8, 7, ${T0})`,
    );
    await db.query(
      `INSERT INTO "Setting" (key, value, "updatedAt") VALUES
         ('businessHours', '{"timeZone":"Asia/Shanghai","days":[1,2,3,4,5],"start":"08:30","end":"17:30"}', ${T0}),
         ('keyAccountCriteria', '{"minCumulativeContractAmount":"500000.00","minRepeatContracts":2,"requireGoodCredit":true}', ${T0})`,
    );
    const { officialCalendarDays } = await import('@/graphql/service-rules/official-holidays.rules');
    const year = now.getUTCFullYear();
    const days = [year - 1, year, year + 1].flatMap(officialCalendarDays);
    await db.query(
      `INSERT INTO "CalendarDay" (date, "isWorkday", name) SELECT * FROM unnest($1::date[], $2::boolean[], $3::text[]) ON CONFLICT DO NOTHING`,
      [days.map((d) => d.date.toISOString().slice(0, 10)), days.map((d) => d.isWorkday), days.map((d) => d.name)],
    );
  } finally {
    // Also after a failure: the database keeps its migrations' indexes whatever happened to the load.
    await db.query('DROP TABLE IF EXISTS bench_draw, bench_life, bench_i, bench_c, bench_x');
    const built = performance.now();
    for (const index of indexes)
      await db.query(index.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    log(
      `  ${`${indexes.length} indexes rebuilt`.padEnd(34)} ${''.padStart(9)}       ${((performance.now() - built) / 1000).toFixed(1).padStart(5)} s`,
    );
  }
  await db.query('SET session_replication_role = DEFAULT').catch(() => undefined);
  // The triggers were off: mark every complaint for the KPI rollup as the rollup's migration does on an existing
  // database (the kpi-fact-refresh job, or bench/kpi-dashboard.ts, then builds it).
  await db.query(`INSERT INTO "KpiFactDirty" ("interactionId", "seq")
    SELECT "id", nextval('"KpiFactDirty_seq"') FROM "Interaction" WHERE "type" = 'COMPLAINT'
    ON CONFLICT ("interactionId") DO NOTHING`);

  // VACUUM as well as ANALYZE: a database that has run for years has its visibility map and hint bits set; a fresh
  // load would otherwise spend the first measured minutes writing them.
  const t = performance.now();
  await db.query('VACUUM ANALYZE');
  log(
    `  ${'VACUUM ANALYZE'.padEnd(34)} ${''.padStart(9)}       ${((performance.now() - t) / 1000).toFixed(1).padStart(5)} s`,
  );
  const checks = await checkHistory(db, now);
  return { seconds: (performance.now() - started) / 1000, counts: await tableCounts(db), checks };
}

export async function tableCounts(db: pg.ClientBase): Promise<Record<string, number>> {
  const tables = ['Customer', 'Contact', 'Contract', 'Interaction', 'Callback', 'Notification', 'HistoryEntry', 'User'];
  const { rows } = await db.query<Record<string, number>>(
    `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(', ')}`,
  );
  return rows[0]!;
}

/** What makes this history a real one, and that every reference resolves (the load ran without foreign keys). */
export async function checkHistory(db: pg.ClientBase, now: Date): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT
       (SELECT count(*) FROM "Interaction" WHERE type = 'COMPLAINT')::int AS complaints,
       (SELECT count(*) FROM "Interaction" WHERE type = 'COMPLAINT' AND status NOT IN ('RESOLVED','FOLLOW_UP_DONE','CLOSED','REJECTED'))::int AS "openComplaints",
       (SELECT count(*) FROM "Interaction" WHERE type = 'COMPLAINT' AND status IN ('RESOLVED','FOLLOW_UP_DONE','CLOSED','REJECTED') AND "resolutionDueAt" < $1)::int AS "closedDuePast",
       (SELECT count(*) FROM "Interaction" WHERE type = 'COMPLAINT' AND status NOT IN ('RESOLVED','FOLLOW_UP_DONE','CLOSED','REJECTED') AND "resolutionDueAt" < $1)::int AS "openOverdue",
       (SELECT max(c) FROM (SELECT count(*) AS c FROM "Interaction" GROUP BY "customerId") t WHERE c IS NOT NULL)::int AS "mostRecordsOneCustomer",
       (SELECT count(*) FROM "Callback" WHERE status = 'PENDING')::int AS "pendingCallbacks",
       (SELECT count(*) FROM "Notification" WHERE "readAt" IS NULL)::int AS "unreadNotifications",
       (SELECT count(*) FROM "Interaction" i WHERE i."customerId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c.id = i."customerId"))::int AS "danglingCustomer",
       (SELECT count(*) FROM "Interaction" i WHERE i."ownerId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = i."ownerId"))::int AS "danglingOwner",
       (SELECT count(*) FROM "Notification" n WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = n."userId"))::int AS "danglingRecipient"`,
    [now.toISOString()],
  );
  const checks = rows[0]!;
  if (checks.danglingCustomer || checks.danglingOwner || checks.danglingRecipient)
    throw new Error(`the loaded history has dangling references: ${JSON.stringify(checks)}`);
  return checks;
}
