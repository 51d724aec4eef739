import { prisma } from '@/server/db';
import { oneBy } from '../loader-utils';

export function adminLoaderFactories() {
  return {
    userById: () => oneBy('id', (where) => prisma.user.findMany({ where })),
    departmentById: () => oneBy('id', (where) => prisma.department.findMany({ where })),
  };
}
