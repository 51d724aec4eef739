import { getTranslations } from 'next-intl/server';

/** Shown instead of an admin page to staff without the permission (the API refuses them too). */
export async function NoPermission() {
  const t = await getTranslations('admin.noPermission');
  return (
    <div
      className="mx-auto mt-12 max-w-md rounded-lg border border-amber-200 bg-amber-50 p-6 text-center"
      data-testid="no-permission"
    >
      <h1 className="text-lg font-semibold text-amber-900">{t('title')}</h1>
      <p className="mt-2 text-sm text-amber-800">{t('body')}</p>
    </div>
  );
}
