import { prisma } from '@/server/db';
import { flushApiKeyUsage } from '@/server/auth/api-key-gate';
import { cachedOneBy, manyBy } from '../loader-utils';
import { API_KEY_USAGE_DAYS } from './api-key.rules';

export function adminLoaderFactories() {
  return {
    userById: () => cachedOneBy('users', 'id', (where) => prisma.user.findMany({ where })),
    departmentById: () => cachedOneBy('departments', 'id', (where) => prisma.department.findMany({ where })),
    /**
     * The usage rows of the last API_KEY_USAGE_DAYS + 1 days (UTC dates; the resolver picks its zone's days), after
     * writing this process's pending counts (src/server/auth/api-key-gate.ts), so its own calls show at once.
     */
    apiKeyUsageByKey: () =>
      manyBy('apiKeyId', async (where) => {
        await flushApiKeyUsage();
        return prisma.apiKeyUsage.findMany({
          where: { ...where, day: { gte: new Date(Date.now() - (API_KEY_USAGE_DAYS + 1) * 86_400_000) } },
          orderBy: { day: 'asc' },
        });
      }),
  };
}
