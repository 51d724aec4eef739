import { createCustomerLoaders } from './customers/customers.loaders';
import { createAdminLoaders } from './admin/admin.loaders';

/** Every DataLoader of a request, created in one place (STYLE: Twenty's dataloader service). */
export function createLoaders() {
  return { ...createCustomerLoaders(), ...createAdminLoaders() };
}
export type Loaders = ReturnType<typeof createLoaders>;
