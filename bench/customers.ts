// The customer-list section of `npm run bench` (in process, over the loaded history): the list's page + total count +
// fee totals for four filters and sorts, median of five, and the heap.
import type { Timing } from './timing';

export async function benchCustomerList(log: (line: string) => void): Promise<Timing[]> {
  const { listCustomers, customerTotals, countCustomers } = await import('@/graphql/customers/customer.service');
  const viewer = {
    kind: 'staff',
    userId: '00000000-0000-4000-8000-000000000000',
    role: 'ADMIN',
    departmentId: null,
  } as const;
  const cases: [string, Parameters<typeof listCustomers>[1]][] = [
    ['first page, default sort', { first: 25 }],
    [
      'province + status, sorted by audit date',
      {
        filter: { province: ['上海'], status: ['ACTIVE'] },
        sort: { field: 'AUDIT_DATE', direction: 'DESC' },
        first: 25,
      },
    ],
    [
      'fee range, sorted by fee',
      {
        filter: { initialAuditFee: { min: '20000', max: '30000' } },
        sort: { field: 'INITIAL_AUDIT_FEE', direction: 'DESC' },
        first: 50,
      },
    ],
    ['substring search on names', { filter: { search: '恒信汽配' }, first: 25 }],
  ];
  const timings: Timing[] = [];
  for (const [label, args] of cases) {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const page = await listCustomers(viewer, args);
      await Promise.all([countCustomers(page.where), customerTotals(page.where)]);
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    timings.push({ label, median: runs[2]!, max: runs[4]! });
    log(`${label.padEnd(44)} page+count+totals  median ${runs[2]!.toFixed(0)} ms  max ${runs[4]!.toFixed(0)} ms`);
  }
  log(
    `heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
  );
  return timings;
}
