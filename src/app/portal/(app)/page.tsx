import { getTranslations } from 'next-intl/server';
import { CompanyProfile } from '@/components/portal/company-profile';
import { PortalKeyAccountOwner } from '@/components/portal/key-account-owner';
import { PortalServices } from '@/components/portal/portal-services';
import { requireCustomerPage } from '@/server/auth/session';
import { titledPage } from '@/app/page-metadata';

export const generateMetadata = titledPage('portal', 'title');

/**
 * The portal's home: a greeting, the customer's own company profile (read through GraphQL), a key account's
 * one-to-one owner and next contact, and the services.
 */
export default async function PortalHome() {
  const { name } = await requireCustomerPage();
  const t = await getTranslations('portal');
  return (
    <div className="space-y-8">
      <div>
        <p className="text-lg font-medium text-slate-800">{t('home.greeting', { name })}</p>
        <p className="mt-1 text-sm text-slate-600">{t('home.intro')}</p>
      </div>
      <CompanyProfile />
      <PortalKeyAccountOwner />
      <PortalServices />
    </div>
  );
}
