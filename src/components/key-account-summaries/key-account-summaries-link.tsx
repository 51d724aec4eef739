import Link from 'next/link';
import { useTranslations } from 'next-intl';

/**
 * A link to the exchange summaries (/console/key-accounts/summaries), for the key-account screens to mount (no nav
 * entry of its own: the summaries belong under 重要协议客户).
 */
export function KeyAccountSummariesLink() {
  const t = useTranslations('keyAccountSummaries');
  return (
    <Link
      href="/console/key-accounts/summaries"
      className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-300"
      data-testid="key-account-summaries-link"
    >
      <span className="block text-sm font-semibold text-blue-700">{t('linkLabel')}</span>
      <span className="block text-xs text-slate-600">{t('linkHint')}</span>
    </Link>
  );
}
