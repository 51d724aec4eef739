import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { gqlOk } from '../helpers/graphql';

const PAGE = /* GraphQL */ `
  query Page($sort: CustomerSort, $first: Int, $after: String) {
    customers(sort: $sort, first: $first, after: $after) {
      nodes {
        id
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
type PageData = {
  customers: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

let agent: Viewer;

async function walk(sort: Record<string, unknown>, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const data: PageData = await gqlOk<PageData>(agent, PAGE, { sort, first: pageSize, after });
    seen.push(...data.customers.nodes.map((n) => n.id));
    if (!data.customers.pageInfo.hasNextPage) return seen;
    after = data.customers.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('cursor pagination', () => {
  beforeAll(async () => {
    agent = (await createStaff()).viewer;
    // 47 rows with many ties and nulls in the sort columns: the hard case for keyset pagination.
    await prisma.customer.createMany({
      data: Array.from({ length: 47 }, (_, i) => ({
        name: `客户${i % 5}`,
        province: i % 3 === 0 ? null : ['上海', '江苏'][i % 2]!,
        initialAuditFee: i % 4 === 0 ? null : String(1000 * (i % 6)),
        auditDate: i % 2 ? new Date(Date.UTC(2025, i % 3, 1)) : null,
      })),
    });
  });

  it.each([
    [{ field: 'NAME', direction: 'ASC' }],
    [{ field: 'NAME', direction: 'DESC' }],
    [{ field: 'PROVINCE', direction: 'ASC' }],
    [{ field: 'PROVINCE', direction: 'DESC' }],
    [{ field: 'INITIAL_AUDIT_FEE', direction: 'DESC' }],
    [{ field: 'AUDIT_DATE', direction: 'ASC' }],
    [{ field: 'CREATED_AT', direction: 'DESC' }],
  ])('visits every row exactly once, in order, sorted by %j', async (sort) => {
    const all = (await gqlOk<PageData>(agent, PAGE, { sort, first: 100 })).customers.nodes.map((n) => n.id);
    expect(all).toHaveLength(47);
    for (const size of [1, 7, 10, 46]) {
      const walked = await walk(sort, size);
      expect(walked).toEqual(all);
    }
  });

  it('stays stable when a row is inserted before the cursor between pages', async () => {
    const sort = { field: 'NAME', direction: 'ASC' };
    const first = await gqlOk<PageData>(agent, PAGE, { sort, first: 10 });
    await prisma.customer.create({ data: { name: '客户0' } }); // sorts into the first page
    const second = await gqlOk<PageData>(agent, PAGE, { sort, first: 10, after: first.customers.pageInfo.endCursor });
    const overlap = second.customers.nodes.filter((n) => first.customers.nodes.some((f) => f.id === n.id));
    expect(overlap).toEqual([]);
  });
});
