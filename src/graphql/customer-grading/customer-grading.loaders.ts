import 'server-only';
import DataLoader from 'dataloader';
import { prisma } from '@/server/db';
import { pageOf } from '../pagination.rules';
import type { GradeEvaluationPage } from './customer-grading.service';

/**
 * The first page of each customer's evaluations, newest first, for every customer a request shows: one statement
 * ranks each customer's rows (ROW_NUMBER over the (customerId, createdAt) index) and keeps `first + 1` of them, one
 * more reads those rows. Keyed `<first>:<customerId>`; later pages (`after`) are read one customer at a time.
 */
async function firstPages(keys: readonly string[]): Promise<GradeEvaluationPage[]> {
  const bySize = new Map<number, string[]>();
  for (const key of keys) {
    const [size, customerId] = [Number(key.slice(0, key.indexOf(':'))), key.slice(key.indexOf(':') + 1)];
    bySize.set(size, [...(bySize.get(size) ?? []), customerId]);
  }
  const pages = new Map<string, GradeEvaluationPage>();
  for (const [size, customerIds] of bySize) {
    const ranked = await prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY "customerId" ORDER BY "createdAt" DESC, id DESC) AS n
        FROM "CustomerGradeEvaluation" WHERE "customerId" = ANY(${customerIds}::uuid[])
      ) ranked WHERE n <= ${size + 1}`;
    const rows = ranked.length
      ? await prisma.customerGradeEvaluation.findMany({
          where: { id: { in: ranked.map((r) => r.id) } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        })
      : [];
    for (const customerId of customerIds)
      pages.set(
        `${size}:${customerId}`,
        pageOf(
          rows.filter((r) => r.customerId === customerId),
          size,
        ),
      );
  }
  return keys.map((key) => pages.get(key)!);
}

/** DataLoaders of the customer-grading module (created per request in src/graphql/loaders.ts). */
export function customerGradingLoaderFactories() {
  return {
    gradeEvaluationFirstPage: () => new DataLoader<string, GradeEvaluationPage>(firstPages),
  };
}
