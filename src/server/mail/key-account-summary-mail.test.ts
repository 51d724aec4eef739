import { describe, expect, it } from 'vitest';
import { keyAccountSummaryMail } from './key-account-summary-mail';

describe('the exchange summary mail', () => {
  it('names the customer and period, prints the figures and notes, links to the summary', () => {
    const mail = keyAccountSummaryMail({
      customerName: '江南检测有限公司',
      period: '2026-Q4',
      figures: {
        complaints: { received: 3, open: 1, closed: 2, overdue: 1 },
        interactions: { consultation: 4, inquiry: 0, suggestion: 1 },
        callbacks: { done: 2, pending: 1 },
        satisfaction: { responses: 1, averageIndex: 86.5 },
        obligations: { open: 2, overdue: 0 },
      },
      customerNeeds: '希望缩短检测周期',
      difficulties: null,
      measures: '安排专人对接',
      url: 'https://kefu.example.cn/console/key-accounts/summaries/x',
    });
    expect(mail.subject).toBe('【客户服务交流信息】江南检测有限公司 2026-Q4');
    expect(mail.text).toContain('受理 3 件，已结 2 件，未结 1 件，超期 1 件');
    expect(mail.text).toContain('平均指数 86.5');
    expect(mail.text).toContain('【客户需求】\n希望缩短检测周期');
    expect(mail.text).toContain('【困难】\n无');
    expect(mail.text).toContain('https://kefu.example.cn/console/key-accounts/summaries/x');
  });
});
