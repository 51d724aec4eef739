// Model types the GraphQL resolvers receive as parents (codegen `mappers`). Secrets are omitted by the Prisma client.
import type { ApiKey, User } from '@/generated/prisma/client';
import type { Viewer } from '@/server/viewer';

export type {
  Contact as ContactModel,
  Contract as ContractModel,
  Customer as CustomerModel,
  Department as DepartmentModel,
  HistoryEntry as HistoryEntryModel,
} from '@/generated/prisma/client';
export type UserModel = Omit<User, 'passwordHash'>;
export type ApiKeyModel = Omit<ApiKey, 'keyHash'>;
export type ViewerModel = Exclude<Viewer, { kind: 'anonymous' }>;
export type CustomerConnectionModel = import('./customers/customer.service').CustomerPage;
