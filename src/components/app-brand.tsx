import { getTranslations } from 'next-intl/server';

/**
 * The application's name with the part of it a layout frames ("客服系统 客户门户"): side by side in a header bar,
 * `stacked` at the top of the console's side navigation.
 */
export async function AppBrand({ area, stacked = false }: { area: string; stacked?: boolean }) {
  const t = await getTranslations('common');
  return stacked ? (
    <div className="mb-6 max-md:mb-2 max-md:px-2">
      <div className="text-lg font-semibold">{t('appName')}</div>
      <div className="text-xs text-slate-500">{area}</div>
    </div>
  ) : (
    <div className="min-w-0">
      <span className="text-lg font-semibold">{t('appName')}</span>
      <span className="ml-2 text-sm text-slate-500">{area}</span>
    </div>
  );
}
