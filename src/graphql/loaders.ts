import { createCustomerLoaders } from './customers/customers.loaders';
import { createAdminLoaders } from './admin/admin.loaders';
import { createInteractionLoaders } from './interactions/interactions.loaders';
import { createComplaintLoaders } from './complaints/complaints.loaders';

/** Every DataLoader of a request, created in one place (STYLE: Twenty's dataloader service). */
export function createLoaders() {
  return { ...createCustomerLoaders(), ...createAdminLoaders(), ...createInteractionLoaders(), ...createComplaintLoaders() };
}
export type Loaders = ReturnType<typeof createLoaders>;
