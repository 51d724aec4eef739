import { prisma } from '@/server/db';
import { byIdLoader } from '../loader-utils';

export function adminLoaderFactories() {
  return {
    userById: () => byIdLoader((ids) => prisma.user.findMany({ where: { id: { in: [...ids] } } })),
    departmentById: () => byIdLoader((ids) => prisma.department.findMany({ where: { id: { in: [...ids] } } })),
  };
}
