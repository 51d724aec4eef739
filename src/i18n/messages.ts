import type { Locale } from './config';

// One JSON file per namespace and locale (messages/<locale>/<namespace>.json), merged here; add a namespace by
// adding its two files and a line below.
const loaders: Record<Locale, () => Promise<Record<string, unknown>>> = {
  'zh-CN': async () => ({
    common: (await import('../../messages/zh-CN/common.json')).default,
    console: (await import('../../messages/zh-CN/console.json')).default,
    customers: (await import('../../messages/zh-CN/customers.json')).default,
    portal: (await import('../../messages/zh-CN/portal.json')).default,
    admin: (await import('../../messages/zh-CN/admin.json')).default,
    intake: (await import('../../messages/zh-CN/intake.json')).default,
    complaints: (await import('../../messages/zh-CN/complaints.json')).default,
    callbacks: (await import('../../messages/zh-CN/callbacks.json')).default,
    surveys: (await import('../../messages/zh-CN/surveys.json')).default,
    surveyAnalysis: (await import('../../messages/zh-CN/surveyAnalysis.json')).default,
    reports: (await import('../../messages/zh-CN/reports.json')).default,
    notifications: (await import('../../messages/zh-CN/notifications.json')).default,
    serviceRules: (await import('../../messages/zh-CN/serviceRules.json')).default,
    keyAccounts: (await import('../../messages/zh-CN/keyAccounts.json')).default,
    home: (await import('../../messages/zh-CN/home.json')).default,
    errors: (await import('../../messages/zh-CN/errors.json')).default,
    activity: (await import('../../messages/zh-CN/activity.json')).default,
    notices: (await import('../../messages/zh-CN/notices.json')).default,
    kpiDashboard: (await import('../../messages/zh-CN/kpiDashboard.json')).default,
    keyAccountSummaries: (await import('../../messages/zh-CN/keyAccountSummaries.json')).default,
    keyAccountObligations: (await import('../../messages/zh-CN/keyAccountObligations.json')).default,
  }),
  en: async () => ({
    common: (await import('../../messages/en/common.json')).default,
    console: (await import('../../messages/en/console.json')).default,
    customers: (await import('../../messages/en/customers.json')).default,
    portal: (await import('../../messages/en/portal.json')).default,
    admin: (await import('../../messages/en/admin.json')).default,
    intake: (await import('../../messages/en/intake.json')).default,
    complaints: (await import('../../messages/en/complaints.json')).default,
    callbacks: (await import('../../messages/en/callbacks.json')).default,
    surveys: (await import('../../messages/en/surveys.json')).default,
    surveyAnalysis: (await import('../../messages/en/surveyAnalysis.json')).default,
    reports: (await import('../../messages/en/reports.json')).default,
    notifications: (await import('../../messages/en/notifications.json')).default,
    serviceRules: (await import('../../messages/en/serviceRules.json')).default,
    keyAccounts: (await import('../../messages/en/keyAccounts.json')).default,
    home: (await import('../../messages/en/home.json')).default,
    errors: (await import('../../messages/en/errors.json')).default,
    activity: (await import('../../messages/en/activity.json')).default,
    notices: (await import('../../messages/en/notices.json')).default,
    kpiDashboard: (await import('../../messages/en/kpiDashboard.json')).default,
    keyAccountSummaries: (await import('../../messages/en/keyAccountSummaries.json')).default,
    keyAccountObligations: (await import('../../messages/en/keyAccountObligations.json')).default,
  }),
};

export const loadMessages = (locale: Locale) => loaders[locale]();
