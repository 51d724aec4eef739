import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CustomerForm } from '@/components/customers/customer-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('customers');
  return { title: t('meta.edit') };
}

export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CustomerForm key={id} customerId={id} />;
}
