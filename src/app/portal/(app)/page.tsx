import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CompanyProfile } from '@/components/portal/company-profile';
import { loadPortalProfile, type PortalProfile } from '@/graphql/customers/portal-profile.service';
import { PortalServices } from '@/components/portal/portal-services';
import { requireCustomerPage } from '@/server/auth/session';
import { DomainError } from '@/server/errors';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('portal'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

export default async function PortalHome() {
  const { viewer, name } = await requireCustomerPage();
  const t = await getTranslations('portal');
  let profile: PortalProfile | null = null;
  try {
    profile = await loadPortalProfile(viewer);
  } catch (error) {
    // An account whose organisation is gone (NOT_FOUND) still gets the portal, with a note instead of a crash.
    if (!(error instanceof DomainError && error.code === 'NOT_FOUND')) throw error;
  }

  return (
    <div className="space-y-8">
      <div>
        <p className="text-lg font-medium text-slate-800">{t('home.greeting', { name })}</p>
        <p className="mt-1 text-sm text-slate-600">{t('home.intro')}</p>
      </div>
      {profile ? (
        <CompanyProfile profile={profile} />
      ) : (
        <p
          role="alert"
          className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
          data-testid="portal-profile-unavailable"
        >
          {t('profile.unavailable')}
        </p>
      )}
      <PortalServices />
    </div>
  );
}
