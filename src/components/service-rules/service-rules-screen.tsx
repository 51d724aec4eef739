'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { AuthorityPanel } from './authority-panel';
import { ObligationSchedulePanel } from '@/components/key-accounts/obligation-schedule-panel';
import { KeyAccountCriteriaPanel } from './key-account-criteria-panel';
import { CalendarPanel } from './calendar-panel';
import { GradingPanel } from './grading-panel';
import { RuleChanges } from './rule-changes';
import { VisitRulesPanel } from '@/components/visits/visit-rules-panel';
import { SlaRulesPanel } from './sla-rules-panel';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

const TABS = ['sla', 'calendar', 'authority', 'grading', 'keyAccounts', 'obligations', 'visits'] as const;
type Tab = (typeof TABS)[number];

/**
 * 服务规则: where the complaint clock is configured (SPEC §4). Holders of settings:read see it; settings:manage
 * (administrator, service manager) may change it. The recent changes below reload after each save (every service-rules mutation invalidates the screen's queries).
 */
export function ServiceRulesScreen({
  canManage,
  initialYear,
  keyAccounts = { read: false, decide: false },
  visits = { read: false, approve: false },
}: {
  canManage: boolean;
  initialYear: number;
  /** The key-account criteria tab: shown to holders of keyaccounts:read, editable with keyaccounts:decide. */
  keyAccounts?: { read: boolean; decide: boolean };
  /** The visit cycles tab (客户访问周期): shown to holders of visits:read, editable with visits:approve. */
  visits?: { read: boolean; approve: boolean };
}) {
  const t = useTranslations('serviceRules');
  const timeZone = useDisplayTimeZone();
  const [tab, setTab] = useState<Tab>('sla');

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {!canManage && (
        <p
          className="rounded border border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600"
          data-testid="service-rules-read-only"
        >
          {t('readOnly')}
        </p>
      )}
      <div role="tablist" aria-label={t('title')} className="flex flex-wrap gap-2 border-b border-slate-200 text-sm">
        {TABS.filter((key) => (key !== 'keyAccounts' || keyAccounts.read) && (key !== 'visits' || visits.read)).map(
          (key) => (
            <button
              key={key}
              type="button"
              role="tab"
              id={`service-rules-tab-${key}`}
              aria-selected={tab === key}
              aria-controls={`service-rules-panel-${key}`}
              onClick={() => setTab(key)}
              data-testid={`service-rules-tab-${key}`}
              className={`-mb-px border-b-2 px-3 py-2 ${tab === key ? 'border-blue-700 font-medium text-blue-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
            >
              {t(`tabs.${key}`)}
            </button>
          ),
        )}
      </div>
      <div role="tabpanel" id={`service-rules-panel-${tab}`} aria-labelledby={`service-rules-tab-${tab}`}>
        {tab === 'sla' && <SlaRulesPanel canManage={canManage} timeZone={timeZone} />}
        {tab === 'calendar' && <CalendarPanel canManage={canManage} initialYear={initialYear} />}
        {tab === 'authority' && <AuthorityPanel canManage={canManage} />}
        {tab === 'grading' && <GradingPanel canManage={canManage} />}
        {tab === 'obligations' && <ObligationSchedulePanel canManage={canManage} />}
        {tab === 'keyAccounts' && keyAccounts.read && <KeyAccountCriteriaPanel canDecide={keyAccounts.decide} />}
        {tab === 'visits' && visits.read && <VisitRulesPanel canManage={visits.approve} />}
      </div>
      <RuleChanges timeZone={timeZone} />
    </div>
  );
}
