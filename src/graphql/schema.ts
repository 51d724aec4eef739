import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { adminPolicies, adminResolvers } from './admin/resolvers';
import { callbackPolicies, callbackResolvers } from './callbacks/resolvers';
import { complaintPolicies, complaintResolvers } from './complaints/resolvers';
import { customerPolicies, customerResolvers } from './customers/resolvers';
import { customerGradingPolicies, customerGradingResolvers } from './customer-grading/resolvers';
import { customer360Policies, customer360Resolvers } from './customer-360/resolvers';
import { directoryPolicies, directoryResolvers } from './directory/resolvers';
import { interactionPolicies, interactionResolvers } from './interactions/resolvers';
import { kpiDashboardPolicies, kpiDashboardResolvers } from './kpi-dashboard/resolvers';
import { keyAccountSummaryPolicies, keyAccountSummaryResolvers } from './key-account-summaries/resolvers';
import { keyAccountObligationPolicies, keyAccountObligationResolvers } from './key-account-obligations/resolvers';
import { callbackProgrammePolicies, callbackProgrammeResolvers } from './callback-programmes/resolvers';
import { keyAccountPolicies, keyAccountResolvers } from './key-accounts/resolvers';
import { notificationPolicies, notificationResolvers } from './notifications/resolvers';
import { noticePolicies, noticeResolvers } from './notices/resolvers';
import { reportPolicies, reportResolvers } from './reports/resolvers';
import type { RootPolicies } from './policy';
import { withPolicies } from './policy';
import { scalarResolvers } from './scalars';
import { serviceRulePolicies, serviceRuleResolvers } from './service-rules/resolvers';
import { surveyAnalysisPolicies, surveyAnalysisResolvers } from './survey-analysis/resolvers';
import { surveyCampaignPolicies, surveyCampaignResolvers } from './survey-campaigns/resolvers';
import { surveyResponsePolicies, surveyResponseResolvers } from './survey-responses/resolvers';
import { surveyTemplatePolicies, surveyTemplateResolvers } from './survey-templates/resolvers';
import { workOrderPolicies, workOrderResolvers } from './work-orders/resolvers';
import { visitPolicies, visitResolvers } from './visits/resolvers';
import { webhookPolicies, webhookResolvers } from './webhooks/resolvers';

type DomainModule = { resolvers: Record<string, unknown>; policies: RootPolicies };
const domainModule = (resolvers: object, policies: RootPolicies): DomainModule => ({
  resolvers: resolvers as Record<string, unknown>,
  policies,
});

/** Domain modules: each brings its SDL (src/graphql/<module>/schema.graphql), resolvers and root-field policies. */
const modules: DomainModule[] = [
  domainModule(adminResolvers, adminPolicies),
  domainModule(customerResolvers, customerPolicies),
  domainModule(interactionResolvers, interactionPolicies),
  domainModule(complaintResolvers, complaintPolicies),
  domainModule(callbackResolvers, callbackPolicies),
  domainModule(surveyTemplateResolvers, surveyTemplatePolicies),
  domainModule(surveyCampaignResolvers, surveyCampaignPolicies),
  domainModule(surveyResponseResolvers, surveyResponsePolicies),
  domainModule(surveyAnalysisResolvers, surveyAnalysisPolicies),
  domainModule(reportResolvers, reportPolicies),
  domainModule(notificationResolvers, notificationPolicies),
  domainModule(serviceRuleResolvers, serviceRulePolicies),
  domainModule(customerGradingResolvers, customerGradingPolicies),
  domainModule(noticeResolvers, noticePolicies),
  domainModule(keyAccountSummaryResolvers, keyAccountSummaryPolicies),
  domainModule(keyAccountObligationResolvers, keyAccountObligationPolicies),
  domainModule(callbackProgrammeResolvers, callbackProgrammePolicies),
  domainModule(customer360Resolvers, customer360Policies),
  domainModule(keyAccountResolvers, keyAccountPolicies),
  domainModule(directoryResolvers, directoryPolicies),
  domainModule(workOrderResolvers, workOrderPolicies),
  domainModule(visitResolvers, visitPolicies),
  domainModule(webhookResolvers, webhookPolicies),
  domainModule(kpiDashboardResolvers, kpiDashboardPolicies),
];

function loadTypeDefs(): DocumentNode[] {
  const dir = join(process.cwd(), 'src/graphql');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'schema.graphql')))
    .sort((a, b) => (a.name === 'base' ? -1 : b.name === 'base' ? 1 : a.name.localeCompare(b.name)))
    .map((d) => parse(readFileSync(join(dir, d.name, 'schema.graphql'), 'utf8')));
}

function rootFieldNames(docs: DocumentNode[], root: 'Query' | 'Mutation'): string[] {
  const names: string[] = [];
  for (const doc of docs) {
    for (const def of doc.definitions) {
      if (
        (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        def.name.value === root
      ) {
        names.push(...(def.fields ?? []).map((f) => f.name.value));
      }
    }
  }
  return names;
}

function mergeResolvers(parts: Record<string, unknown>[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part))
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
  }
  return merged;
}

/** Every root field's policy, merged from the domain modules (the API-coverage test reads it). */
export function rootPolicies(): RootPolicies {
  const policies: RootPolicies = { Query: {}, Mutation: {} };
  for (const m of modules) {
    Object.assign(policies.Query!, m.policies.Query);
    Object.assign(policies.Mutation!, m.policies.Mutation);
  }
  return policies;
}

/** The names of the SDL's Mutation root fields. */
export const mutationFieldNames = (): string[] => rootFieldNames(loadTypeDefs(), 'Mutation');

let cached: GraphQLSchema | undefined;

/** The one schema that serves the console, the portal and machine clients. */
export function buildSchema(): GraphQLSchema {
  if (cached) return cached;
  const typeDefs = loadTypeDefs();
  const policies = rootPolicies();
  const resolvers = withPolicies(mergeResolvers(modules.map((m) => m.resolvers)), policies, {
    Query: rootFieldNames(typeDefs, 'Query'),
    Mutation: rootFieldNames(typeDefs, 'Mutation'),
  });
  cached = makeExecutableSchema({ typeDefs, resolvers: { ...scalarResolvers, ...resolvers } });
  return cached;
}
