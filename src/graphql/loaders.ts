import { adminLoaderFactories } from './admin/admin.loaders';
import { callbackLoaderFactories } from './callbacks/callback.loaders';
import { keyAccountLoaderFactories } from './key-accounts/key-account.loaders';
import { complaintLoaderFactories } from './complaints/complaint.loaders';
import { customerLoaderFactories } from './customers/customer.loaders';
import { interactionLoaderFactories } from './interactions/interaction.loaders';
import { notificationLoaderFactories } from './notifications/notification.loaders';
import { surveyAnalysisLoaderFactories } from './survey-analysis/survey-analysis.loaders';
import { surveyCampaignLoaderFactories } from './survey-campaigns/survey-campaign.loaders';
import { surveyResponseLoaderFactories } from './survey-responses/survey-response.loaders';
import { surveyTemplateLoaderFactories } from './survey-templates/survey-template.loaders';

/** Every DataLoader of a request, named in one place (STYLE: Twenty's dataloader service). */
const factories = {
  ...customerLoaderFactories(),
  ...adminLoaderFactories(),
  ...interactionLoaderFactories(),
  ...complaintLoaderFactories(),
  ...callbackLoaderFactories(),
  ...keyAccountLoaderFactories(),
  ...surveyTemplateLoaderFactories(),
  ...surveyCampaignLoaderFactories(),
  ...surveyResponseLoaderFactories(),
  ...surveyAnalysisLoaderFactories(),
  ...notificationLoaderFactories(),
};
type Factories = typeof factories;
export type Loaders = { readonly [K in keyof Factories]: ReturnType<Factories[K]> };

// One prototype with a memoising getter per loader, built once: a request's loader set is then a single small object.
class LoaderSet {
  readonly created: Partial<Record<keyof Factories, unknown>> = {};
}
for (const name of Object.keys(factories) as (keyof Factories)[]) {
  Object.defineProperty(LoaderSet.prototype, name, {
    enumerable: true,
    get(this: LoaderSet) {
      return (this.created[name] ??= factories[name]());
    },
  });
}

/**
 * A fresh set of loaders for one request, each created on first use: a request touches two or three of the forty,
 * and building them all cost ~80 µs of every request's CPU. Never shared between requests (each caches what its
 * viewer was allowed to read).
 */
export function createLoaders(): Loaders {
  return new LoaderSet() as unknown as Loaders;
}
