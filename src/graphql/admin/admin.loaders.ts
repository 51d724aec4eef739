import { prisma } from '@/server/db';
import { cachedOneBy } from '../loader-utils';

export function adminLoaderFactories() {
  return {
    userById: () => cachedOneBy('users', 'id', (where) => prisma.user.findMany({ where })),
    departmentById: () => cachedOneBy('departments', 'id', (where) => prisma.department.findMany({ where })),
  };
}
