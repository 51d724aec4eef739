import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { blocksOf, renderPdf, type DocBlock, type PrintableDocument } from '@/server/pdf/pdf-document';
import { buildEightDReport, buildHandlingForm, type ComplaintDocumentData } from './complaint-document.rules';

const TZ = { timeZone: 'Asia/Shanghai' };
const t = (iso: string) => new Date(iso);

/** A major quality complaint that went the whole way: 8D, approval, verification, 三包, feedback, callback, closure. */
function closedMajorComplaint(overrides: Partial<ComplaintDocumentData> = {}): ComplaintDocumentData {
  return {
    number: 'TS-2026-000123',
    channel: 'PHONE',
    status: 'CLOSED',
    subject: '支架孔位偏移',
    description: '11 月到货的 2,000 件支架中抽检 50 件，孔位偏移 0.3 mm，导致装配线停线 2 小时。',
    desiredOutcome: '更换不良品并提供 8D 报告',
    customerName: '华东精密汽配有限公司',
    contactName: '刘经理',
    contactPhone: '13800000001',
    contactEmail: null,
    productRef: 'BR-118 支架',
    orderRef: 'PO-2026-1101',
    contractNo: 'HT-2026-007',
    severity: 'MAJOR',
    causeClass: 'QUALITY',
    triageResult: 'WITHIN_AUTHORITY',
    declineReason: null,
    requires8D: false,
    escalationLevel: 1,
    departmentName: '生产部',
    ownerName: '赵生产',
    registeredByName: '王客服',
    createdAt: t('2026-11-02T01:30:00Z'), // 09:30 in Shanghai
    triageDueAt: t('2026-11-02T05:30:00Z'),
    triagedAt: t('2026-11-02T02:00:00Z'),
    resolutionDueAt: t('2026-11-05T01:30:00Z'),
    resolvedAt: t('2026-11-04T08:00:00Z'),
    callbackDueAt: t('2026-11-11T08:00:00Z'),
    closedAt: t('2026-11-12T03:00:00Z'),
    customerFeedback: 'ACCEPTED',
    customerFeedbackComment: '认可',
    warrantyOutcome: 'REPLACE',
    authority: { approve: ['QUALITY_MANAGER', 'EXECUTIVE'], close: ['QUALITY_MANAGER'] },
    actions: [
      {
        kind: 'CONTAINMENT',
        description: '在库及在途产品全数挑选',
        ownerName: '赵生产',
        dueAt: t('2026-11-02T10:00:00Z'),
        status: 'DONE',
        completedAt: t('2026-11-02T09:00:00Z'),
      },
      {
        kind: 'CORRECTIVE',
        description: '更换定位销并加严首件检验',
        ownerName: null,
        dueAt: null,
        status: 'VERIFIED',
        completedAt: t('2026-11-04T02:00:00Z'),
      },
    ],
    eightD: {
      d1Team: ['李品质（组长，品质管理部）', '赵生产（生产部）'],
      d2Problem: '孔位偏移 0.3 mm',
      d3Containment: '全数挑选',
      d4RootCauseOccurrence: '定位销磨损',
      d4RootCauseOutflow: '首件检验未测孔位',
      d5CorrectiveActions: '更换定位销',
      d6Verification: '连续 3 批合格',
      d7Prevention: '定位销纳入点检',
      fmeaUpdated: true,
      controlPlanUpdated: false,
      d8Recognition: '感谢小组',
      updatedAt: t('2026-11-04T03:00:00Z'),
    },
    approvals: [
      {
        stage: 'DISPOSITION',
        decision: 'APPROVED',
        approverName: '李品质',
        comment: '同意',
        createdAt: t('2026-11-03T02:00:00Z'),
      },
      {
        stage: 'CLOSURE',
        decision: 'APPROVED',
        approverName: '李品质',
        comment: null,
        createdAt: t('2026-11-12T03:00:00Z'),
      },
    ],
    callbacks: [
      {
        reason: 'POST_RESOLUTION',
        status: 'DONE',
        dueAt: t('2026-11-11T08:00:00Z'),
        completedAt: t('2026-11-10T02:00:00Z'),
        assigneeName: '王客服',
        completedByName: '王客服',
        outcome: 'NO_PROBLEM',
        accuracyScore: 5,
        timelinessScore: 4,
        attitudeScore: 5,
        otherDissatisfaction: null,
        suggestions: '希望提前通知',
        notes: null,
      },
    ],
    history: [
      {
        action: 'CREATE',
        fromState: null,
        toState: 'REGISTERED',
        comment: '已受理',
        actorName: '王客服',
        createdAt: t('2026-11-02T01:30:00Z'),
      },
      {
        action: 'TRIAGE',
        fromState: 'REGISTERED',
        toState: 'TRIAGED',
        comment: null,
        actorName: '王客服',
        createdAt: t('2026-11-02T02:00:00Z'),
      },
      {
        action: 'VERIFY',
        fromState: 'VERIFYING',
        toState: 'INVESTIGATING',
        comment: '仍有偏移',
        actorName: '李品质',
        createdAt: t('2026-11-03T08:00:00Z'),
      },
      {
        action: 'VERIFY',
        fromState: 'VERIFYING',
        toState: 'RESOLVED',
        comment: '连续 3 批合格',
        actorName: '李品质',
        createdAt: t('2026-11-04T08:00:00Z'),
      },
      {
        action: 'ESCALATED',
        fromState: null,
        toState: null,
        comment: null,
        actorName: null,
        createdAt: t('2026-11-04T09:00:00Z'),
      },
      {
        action: 'CLOSE',
        fromState: 'FOLLOW_UP_DONE',
        toState: 'CLOSED',
        comment: null,
        actorName: '李品质',
        createdAt: t('2026-11-12T03:00:00Z'),
      },
    ],
    ...overrides,
  };
}

const sectionTitles = (doc: PrintableDocument) => blocksOf(doc, 'section').map((s) => s.title);
const fieldsMap = (doc: PrintableDocument) =>
  new Map(blocksOf(doc, 'fields').flatMap((f) => f.pairs.map(([k, v]) => [k, v] as const)));
const textMap = (doc: PrintableDocument) => new Map(blocksOf(doc, 'text').map((b) => [b.label, b.value]));
/** The blocks between a section heading and the next one. */
function sectionBlocks(doc: PrintableDocument, title: string): DocBlock[] {
  const start = doc.blocks.findIndex((b) => b.kind === 'section' && b.title === title);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const end = doc.blocks.findIndex((b, i) => i > start && b.kind === 'section');
  return doc.blocks.slice(start + 1, end === -1 ? undefined : end);
}
const tableIn = (doc: PrintableDocument, title: string) => {
  const table = sectionBlocks(doc, title).find((b) => b.kind === 'table');
  if (!table || table.kind !== 'table') throw new Error(`no table under ${title}`);
  return table;
};

describe('8D report', () => {
  const doc = buildEightDReport(closedMajorComplaint(), TZ);

  it('is titled and named by the complaint number, with D1 to D8 in order', () => {
    expect(doc.title).toBe('8D 报告');
    expect(doc.subtitle).toBe('TS-2026-000123 · 已关闭');
    expect(doc.filename).toBe('8D报告-TS-2026-000123.pdf');
    expect(sectionTitles(doc)).toEqual([
      '基本信息',
      'D1 成立小组',
      'D2 问题描述',
      'D3 临时围堵措施',
      'D4 根本原因分析',
      'D5 永久纠正措施',
      'D6 纠正措施实施与效果验证',
      'D7 预防再发生',
      'D8 小组祝贺与表彰',
      '措施一览（围堵 / 纠正 / 预防）',
      '审批',
    ]);
  });

  it('prints the header in Chinese labels and Shanghai time', () => {
    const fields = fieldsMap(doc);
    expect(Object.fromEntries(fields)).toMatchObject({
      客户: '华东精密汽配有限公司',
      '产品/零件号': 'BR-118 支架',
      '订单/批次号': 'PO-2026-1101',
      严重度: '重大',
      原因分类: '质量问题',
      责任部门: '生产部',
      负责人: '赵生产',
      投诉日期: '2026-11-02 09:30',
      关闭日期: '2026-11-12 11:00',
      'FMEA 已更新': '是',
      控制计划已更新: '否',
    });
  });

  it('has both root causes, the team, the actions and the approvals as rows', () => {
    const texts = textMap(doc);
    expect(texts.get('发生原因（为什么会产生）')).toBe('定位销磨损');
    expect(texts.get('流出原因（为什么没有被发现）')).toBe('首件检验未测孔位');
    expect(texts.get('表彰')).toBe('感谢小组');
    expect(tableIn(doc, 'D1 成立小组').rows).toEqual([
      [1, '李品质（组长，品质管理部）'],
      [2, '赵生产（生产部）'],
    ]);
    const actions = tableIn(doc, '措施一览（围堵 / 纠正 / 预防）');
    expect(actions.columns.map((c) => c.header)).toEqual([
      '类型',
      '措施内容',
      '负责人',
      '完成期限',
      '状态',
      '完成时间',
    ]);
    expect(actions.rows).toEqual([
      ['围堵措施', '在库及在途产品全数挑选', '赵生产', '2026-11-02 18:00', '已完成', '2026-11-02 17:00'],
      ['纠正措施', '更换定位销并加严首件检验', null, null, '已验证', '2026-11-04 10:00'],
    ]);
    expect(tableIn(doc, '审批').rows).toEqual([
      ['处置方案', '批准', '李品质', '同意', '2026-11-03 10:00'],
      ['关闭', '批准', '李品质', null, '2026-11-12 11:00'],
    ]);
    expect(sectionBlocks(doc, '审批')).toContainEqual({
      kind: 'paragraph',
      text: '核决权限（重大）：处置方案由 质量经理、总经理/主管副总 批准；结案由 质量经理 确认。',
      muted: true,
    });
    expect(doc.blocks.at(-1)).toEqual({ kind: 'signatures', labels: ['编制（8D 组长）', '审核（质量经理）', '批准'] });
  });

  it('without an 8D record says so and leaves the disciplines blank for hand-filling', () => {
    const blank = buildEightDReport(closedMajorComplaint({ eightD: null, status: 'INVESTIGATING' }), TZ);
    expect(blank.subtitle).toBe('TS-2026-000123 · 调查中');
    expect(blocksOf(blank, 'paragraph').map((p) => p.text)).toContain('尚未填写 8D 记录：以下各栏留空，可手工填写。');
    expect(textMap(blank).get('发生原因（为什么会产生）')).toBeUndefined();
    expect(tableIn(blank, 'D1 成立小组')).toMatchObject({ rows: [], emptyText: '未填写' });
    expect(fieldsMap(blank).get('FMEA 已更新')).toBeNull();
  });
});

describe('客户投诉处理单', () => {
  const doc = buildHandlingForm(closedMajorComplaint(), TZ);

  it('follows the form: received, triage, investigation, approval, verification, 三包/feedback, callback, closure, history', () => {
    expect(doc.title).toBe('客户投诉处理单');
    expect(doc.filename).toBe('客户投诉处理单-TS-2026-000123.pdf');
    expect(sectionTitles(doc)).toEqual([
      '一、投诉受理',
      '二、评审与分派',
      '三、调查与处置',
      '四、核决权限审批',
      '五、效果验证',
      '六、三包处理与客户反馈',
      '七、回访',
      '八、结案确认',
      '九、处理记录',
    ]);
    // The history is the last thing on the form.
    expect(doc.blocks.at(-1)).toBe(tableIn(doc, '九、处理记录'));
  });

  it('records the intake and the triage in the form’s words', () => {
    const fields = fieldsMap(doc);
    expect(Object.fromEntries(fields)).toMatchObject({
      受理渠道: '来电',
      受理时间: '2026-11-02 09:30',
      受理人: '王客服',
      联系人: '刘经理',
      要求评审: '合理，权限内处理',
    });
    expect(fields.get('需要 8D')).toBe('是'); // major complaints always need one
    expect(Object.fromEntries(fields)).toMatchObject({
      分派期限: '2026-11-02 13:30',
      升级级别: '第 1 级',
      三包结果: '更换',
      客户意见: '客户认可',
      回访期限: '2026-11-11 16:00',
      回访次数: 1,
      结案日期: '2026-11-12 11:00',
      确认人: '李品质',
    });
    const texts = textMap(doc);
    expect(texts.get('投诉内容：支架孔位偏移')).toContain('孔位偏移 0.3 mm');
    expect(texts.get('客户期望的处理结果')).toBe('更换不良品并提供 8D 报告');
    expect(texts.get('原因分析（发生原因）')).toBe('定位销磨损');
  });

  it('prints only disposition approvals under 核决权限, every verification, and the callback with its scores', () => {
    expect(tableIn(doc, '四、核决权限审批').rows).toEqual([['处置方案', '批准', '李品质', '同意', '2026-11-03 10:00']]);
    expect(tableIn(doc, '五、效果验证').rows).toEqual([
      ['2026-11-03 16:00', '李品质', '无效，退回调查', '仍有偏移'],
      ['2026-11-04 16:00', '李品质', '有效', '连续 3 批合格'],
    ]);
    expect(tableIn(doc, '七、回访').rows).toEqual([
      [
        '处理后回访',
        '2026-11-11 16:00',
        '已回访',
        '2026-11-10 10:00 / 王客服',
        '5 / 4 / 5',
        '客户满意，无问题；建议：希望提前通知',
      ],
    ]);
  });

  it('lists the whole history with labelled actions and states; system steps say 系统', () => {
    const history = tableIn(doc, '九、处理记录');
    expect(history.rows).toHaveLength(6);
    expect(history.rows[0]).toEqual(['2026-11-02 09:30', '受理', '已登记', '王客服', '已受理']);
    expect(history.rows[1]).toEqual(['2026-11-02 10:00', '分派', '已登记 → 已分派', '王客服', null]);
    expect(history.rows[4]).toEqual(['2026-11-04 17:00', '升级', null, '系统', null]);
  });

  it('a declined, anonymous web complaint: the reason, no triage, self-submitted, no callbacks yet', () => {
    const declined = buildHandlingForm(
      closedMajorComplaint({
        status: 'REJECTED',
        channel: 'PORTAL',
        registeredByName: null,
        customerName: '临时访客公司',
        severity: null,
        causeClass: null,
        triageResult: 'UNREASONABLE',
        declineReason: '超出合同约定的质保期',
        authority: null,
        escalationLevel: 0,
        actions: [],
        eightD: null,
        approvals: [],
        callbacks: [],
        warrantyOutcome: null,
        customerFeedback: null,
        callbackDueAt: null,
        closedAt: null,
        history: [],
      }),
      TZ,
    );
    const fields = fieldsMap(declined);
    expect(Object.fromEntries(fields)).toMatchObject({
      受理人: '客户自助提交',
      严重度: '未定级',
      要求评审: '不合理（说明并婉拒）',
      升级级别: '未升级',
      三包结果: '不适用',
      客户意见: '尚未反馈',
      确认人: null,
    });
    expect(textMap(declined).get('不合理要求的说明（已告知客户）')).toBe('超出合同约定的质保期');
    expect(sectionBlocks(declined, '四、核决权限审批').some((b) => b.kind === 'paragraph')).toBe(false);
    expect(tableIn(declined, '三、调查与处置')).toMatchObject({ rows: [], emptyText: '尚无措施' });
    expect(tableIn(declined, '七、回访')).toMatchObject({ rows: [], emptyText: '尚无回访任务' });
    expect(tableIn(declined, '九、处理记录')).toMatchObject({ rows: [], emptyText: '暂无记录' });
  });
});

describe('as PDF', () => {
  it('both documents render with the Chinese font; a long history breaks over pages', async () => {
    const long = closedMajorComplaint({
      history: Array.from({ length: 80 }, (_, i) => ({
        action: 'ACTION_UPDATED',
        fromState: 'OPEN',
        toState: 'DONE',
        comment: `第 ${i + 1} 次更新措施`,
        actorName: '赵生产',
        createdAt: t('2026-11-03T02:00:00Z'),
      })),
    });
    for (const doc of [buildEightDReport(long, TZ), buildHandlingForm(long, TZ)]) {
      const pdf = await renderPdf(doc, { generatedAt: t('2026-12-01T02:00:00Z'), timeZone: 'Asia/Shanghai' });
      const raw = pdf.toString('latin1');
      expect(raw.startsWith('%PDF-')).toBe(true);
      expect(raw).toContain('NotoSansSC');
      expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
      if (process.env.KEFU_PDF_OUT) writeFileSync(`${process.env.KEFU_PDF_OUT}/${doc.filename}`, pdf);
    }
  });
});
