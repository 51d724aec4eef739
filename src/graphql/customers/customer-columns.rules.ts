import type { Customer } from '@/generated/prisma/client';

/**
 * The columns of the customer export, which are also the columns the import reads back (so an exported file can be
 * edited and re-imported). Headers are Chinese; the import also accepts the English keys.
 */
export type CustomerColumn = {
  key: Exclude<
    keyof Customer,
    'id' | 'ownerId' | 'searchText' | 'archivedAt' | 'version' | 'createdAt' | 'updatedAt' | 'keyAccountStatus'
  >;
  header: string;
  kind: 'text' | 'date' | 'money' | 'enum';
  /** Exported but not imported: the grade comes only from evaluations and overrides (customer-grading). */
  exportOnly?: true;
};

export const CUSTOMER_COLUMNS: readonly CustomerColumn[] = [
  { key: 'contractNo', header: '合同编号', kind: 'text' },
  { key: 'certificateNo', header: '证书编号', kind: 'text' },
  { key: 'name', header: '公司名称', kind: 'text' },
  { key: 'applicationAcceptedAt', header: '申请受理日期', kind: 'date' },
  { key: 'auditDate', header: '审核日期', kind: 'date' },
  { key: 'initialAuditFee', header: '初审费', kind: 'money' },
  { key: 'surveillanceAuditFee', header: '监督审核费', kind: 'money' },
  { key: 'plannedSurveillanceDate', header: '计划监督日期', kind: 'date' },
  { key: 'implementationDate', header: '实施日期', kind: 'date' },
  { key: 'status', header: '状态', kind: 'enum' },
  { key: 'province', header: '省份', kind: 'text' },
  { key: 'address', header: '地址', kind: 'text' },
  { key: 'postcode', header: '邮编', kind: 'text' },
  { key: 'contactPerson', header: '联系人', kind: 'text' },
  { key: 'phone', header: '电话', kind: 'text' },
  { key: 'professionalCode', header: '专业代码', kind: 'text' },
  { key: 'certificationScope', header: '认证范围', kind: 'text' },
  { key: 'legalRepresentative', header: '负责人', kind: 'text' },
  { key: 'handler', header: '经办人', kind: 'text' },
  { key: 'businessCondition', header: '经营状况', kind: 'text' },
  { key: 'businessLines', header: '经营范围', kind: 'text' },
  { key: 'creditStanding', header: '信用状况', kind: 'enum' },
  { key: 'industry', header: '行业', kind: 'text' },
  { key: 'source', header: '客户来源', kind: 'enum' },
  { key: 'grade', header: '客户等级', kind: 'enum', exportOnly: true },
];

/** Chinese labels accepted in imported files for enum columns (the English codes are accepted too). */
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  status: { 潜在: 'PROSPECT', 有效: 'ACTIVE', 暂停: 'SUSPENDED', 撤销: 'REVOKED', 过期: 'EXPIRED' },
  creditStanding: { 良好: 'GOOD', 一般: 'FAIR', 较差: 'POOR' },
  source: {
    展会: 'TRADE_SHOW',
    转介绍: 'REFERRAL',
    介绍: 'REFERRAL',
    广告: 'ADVERTISEMENT',
    上门: 'WALK_IN',
    其他: 'OTHER',
  },
  grade: { A: 'A', B: 'B', C: 'C', D: 'D' },
};
