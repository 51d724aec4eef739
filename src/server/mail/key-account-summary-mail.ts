import 'server-only';
/**
 * The Chinese mail of an issued 《客户服务交流信息》 [001 第五章 7.7 "定期报送给客户服务部部长及其他相关部门"]: the key
 * account, the period, its main figures and the desk's notes, with a link to the summary in the console (its PDF is
 * printed from there). The figures' shape is the summary's own (src/graphql/key-account-summaries), restated here as
 * the few fields the mail prints, since infrastructure does not import domain modules.
 */
export type KeyAccountSummaryMailInput = {
  customerName: string;
  period: string;
  figures: {
    complaints: { received: number; open: number; closed: number; overdue: number };
    interactions: { consultation: number; inquiry: number; suggestion: number };
    callbacks: { done: number; pending: number };
    satisfaction: { responses: number; averageIndex: number | null };
    obligations: { open: number; overdue: number };
  };
  customerNeeds: string | null;
  difficulties: string | null;
  measures: string | null;
  /** Absolute link to the summary; null when the public address is not configured. */
  url: string | null;
};

export function keyAccountSummaryMail(input: KeyAccountSummaryMailInput): { subject: string; text: string } {
  const { complaints, interactions, callbacks, satisfaction, obligations } = input.figures;
  const section = (title: string, value: string | null) => `【${title}】\n${value?.trim() ? value : '无'}`;
  const lines = [
    '各位领导、同事：',
    '',
    `现报送重要协议客户「${input.customerName}」${input.period} 的客户服务交流信息，请查阅。`,
    '',
    `投诉：受理 ${complaints.received} 件，已结 ${complaints.closed} 件，未结 ${complaints.open} 件，超期 ${complaints.overdue} 件`,
    `咨询/查询/建议：${interactions.consultation} / ${interactions.inquiry} / ${interactions.suggestion} 件`,
    `回访：已完成 ${callbacks.done} 次，待回访 ${callbacks.pending} 次`,
    `满意度：${satisfaction.responses} 份答卷，平均指数 ${satisfaction.averageIndex ?? '—'}`,
    `重要客户服务事项：未完成 ${obligations.open} 项，其中逾期 ${obligations.overdue} 项`,
    '',
    section('客户需求', input.customerNeeds),
    '',
    section('困难', input.difficulties),
    '',
    section('我方措施及备注', input.measures),
    '',
    ...(input.url ? [`查看全文及打印：${input.url}`, ''] : []),
    '—— 客服通（系统自动发送，请勿直接回复）',
  ];
  return { subject: `【客户服务交流信息】${input.customerName} ${input.period}`, text: lines.join('\n') };
}
