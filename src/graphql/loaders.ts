import { createCustomerLoaders } from './customers/customers.loaders';
import { createAdminLoaders } from './admin/admin.loaders';
import { createInteractionLoaders } from './interactions/interactions.loaders';
import { createComplaintLoaders } from './complaints/complaints.loaders';
import { createCallbackLoaders } from './callbacks/callbacks.loaders';
import { createSurveyLoaders } from './surveys/surveys.loaders';
import { createNotificationLoaders } from './notifications/notifications.loaders';

/** Every DataLoader of a request, created in one place (STYLE: Twenty's dataloader service). */
export function createLoaders() {
  return { ...createCustomerLoaders(), ...createAdminLoaders(), ...createInteractionLoaders(), ...createComplaintLoaders(), ...createCallbackLoaders(), ...createSurveyLoaders(), ...createNotificationLoaders() };
}
export type Loaders = ReturnType<typeof createLoaders>;
