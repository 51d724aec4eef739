import { adminLoaderFactories } from './admin/admin.loaders';
import { callbackLoaderFactories } from './callbacks/callback.loaders';
import { keyAccountLoaderFactories } from './key-accounts/key-account.loaders';
import { complaintLoaderFactories } from './complaints/complaint.loaders';
import { customerLoaderFactories } from './customers/customer.loaders';
import { directoryLoaderFactories } from './directory/directory.loaders';
import { customerGradingLoaderFactories } from './customer-grading/customer-grading.loaders';
import { customer360LoaderFactories } from './customer-360/customer-360.loaders';
import { interactionLoaderFactories } from './interactions/interaction.loaders';
import { keyAccountSummaryLoaderFactories } from './key-account-summaries/key-account-summary.loaders';
import { keyAccountObligationLoaderFactories } from './key-account-obligations/key-account-obligation.loaders';
import { callbackProgrammeLoaderFactories } from './callback-programmes/callback-programme.loaders';
import { visitLoaderFactories } from './visits/visit.loaders';
import { notificationLoaderFactories } from './notifications/notification.loaders';
import { noticeLoaderFactories } from './notices/notice.loaders';
import { surveyAnalysisLoaderFactories } from './survey-analysis/survey-analysis.loaders';
import { surveyCampaignLoaderFactories } from './survey-campaigns/survey-campaign.loaders';
import { surveyResponseLoaderFactories } from './survey-responses/survey-response.loaders';
import { surveyTemplateLoaderFactories } from './survey-templates/survey-template.loaders';
import { workOrderLoaderFactories } from './work-orders/work-order.loaders';

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
  ...customerGradingLoaderFactories(),
  ...noticeLoaderFactories(),
  ...keyAccountSummaryLoaderFactories(),
  ...keyAccountObligationLoaderFactories(),
  ...callbackProgrammeLoaderFactories(),
  ...visitLoaderFactories(),
  ...customer360LoaderFactories(),
  ...directoryLoaderFactories(),
  ...workOrderLoaderFactories(),
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
