import { createCustomerLoaders } from './customers/customers.loaders';
import { createAdminLoaders } from './admin/admin.loaders';
import { createInteractionLoaders } from './interactions/interactions.loaders';

/** Every DataLoader of a request, created in one place (STYLE: Twenty's dataloader service). */
export function createLoaders() {
  return { ...createCustomerLoaders(), ...createAdminLoaders(), ...createInteractionLoaders() };
}
export type Loaders = ReturnType<typeof createLoaders>;
