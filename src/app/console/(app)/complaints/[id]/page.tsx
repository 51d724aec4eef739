import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ComplaintWorkbench } from '@/components/complaints/complaint-workbench';
import { requireStaffPage } from '@/server/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('complaints'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

/** The complaint workbench; the viewer's role and department only decide which edit controls are offered. */
export default async function ComplaintWorkbenchPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ viewer }, { id }] = await Promise.all([requireStaffPage(), params]);
  return (
    <ComplaintWorkbench
      id={id}
      viewer={{ userId: viewer.userId, role: viewer.role, departmentId: viewer.departmentId }}
    />
  );
}
