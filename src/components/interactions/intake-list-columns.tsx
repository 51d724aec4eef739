'use client';
import { useTimeZone, useTranslations } from 'next-intl';
import type { Column } from '@/components/ui/data-table';
import type { IntakeListPageFragment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';

type ListRow = IntakeListPageFragment['nodes'][number];

/**
 * The columns both intake lists (console and portal) show of the IntakeListPage fragment's row; each list places them
 * among its own. `statusExtra` adds to the status cell (the portal's "awaiting your confirmation").
 */
export function useIntakeListColumns<Row extends ListRow>(statusExtra?: (row: Row) => React.ReactNode) {
  const t = useTranslations('intake');
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  return {
    number: { id: 'number', header: t('list.number'), className: 'font-mono', cell: (row) => row.number },
    type: { id: 'type', header: t('list.type'), cell: (row) => t(`type.${row.type}`) },
    subject: { id: 'subject', header: t('list.subject'), cell: (row) => row.subject },
    status: {
      id: 'status',
      header: t('list.status'),
      cell: (row) => (
        <>
          {t(`status.${row.status}`)}
          {statusExtra?.(row)}
        </>
      ),
    },
    createdAt: {
      id: 'createdAt',
      header: t('list.createdAt'),
      className: 'whitespace-nowrap text-slate-600',
      cell: (row) => formatDateTime(row.createdAt, timeZone),
    },
  } satisfies Record<string, Column<Row>>;
}
