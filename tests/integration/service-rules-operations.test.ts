import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getFragmentData } from '@/gql';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  ServiceRulesAddCalendarDaysMutation,
  ServiceRulesApprovalAuthorityFragment,
  ServiceRulesAuthorityQuery,
  ServiceRulesBusinessHoursFragment,
  ServiceRulesCalendarDayFragment,
  ServiceRulesCalendarQuery,
  ServiceRulesChangesQuery,
  ServiceRulesCreateSlaRuleMutation,
  ServiceRulesEscalationPolicyFragment,
  ServiceRulesPreviewQuery,
  ServiceRulesRemoveCalendarDayMutation,
  ServiceRulesSetSlaRuleActiveMutation,
  ServiceRulesSlaRuleFragment,
  ServiceRulesSlaRulesQuery,
  ServiceRulesUpdateAuthorityMutation,
  ServiceRulesUpdateBusinessHoursMutation,
  ServiceRulesUpdateEscalationMutation,
  ServiceRulesUpdateSlaRuleMutation,
} from '@/components/service-rules/operations';

// The screen's own documents through the real Apollo pipeline: they validate against the schema and do what the
// screen expects for a service manager; a quality manager reads but may not write.
const run = <R, V>(viewer: Viewer, doc: TypedDocumentNode<R, V>, variables: Record<string, unknown> = {}) =>
  gqlOk<R>(viewer, print(doc), variables);

let manager: Viewer;
let quality: Viewer;
beforeAll(async () => {
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  quality = (await createStaff('QUALITY_MANAGER')).viewer;
});

describe('service-rules screen operations', () => {
  it('SLA tab: create, edit, deactivate, preview, changes', async () => {
    const input = {
      interactionType: 'COMPLAINT',
      severity: 'MAJOR',
      keyAccount: null,
      triageHours: 4,
      resolutionHours: 24,
      callbackDays: 7,
    };
    const { createSlaRule } = await run(manager, ServiceRulesCreateSlaRuleMutation, { input });
    const rule = getFragmentData(ServiceRulesSlaRuleFragment, createSlaRule);
    const { updateSlaRule: edited } = await run(manager, ServiceRulesUpdateSlaRuleMutation, {
      id: rule.id,
      version: rule.version,
      input: { ...input, resolutionHours: 20 },
    });
    expect(edited).toMatchObject({ resolutionHours: 20, version: 2 });
    const preview = await run(quality, ServiceRulesPreviewQuery, {
      type: 'COMPLAINT',
      severity: 'MAJOR',
      keyAccount: false,
    });
    expect(preview.slaRulePreview.rule?.id).toBe(rule.id);
    await run(manager, ServiceRulesSetSlaRuleActiveMutation, { id: rule.id, version: 2, active: false });
    const { slaRules } = await run(quality, ServiceRulesSlaRulesQuery);
    expect(getFragmentData(ServiceRulesSlaRuleFragment, slaRules)[0]?.active).toBe(false);
    const { serviceRuleChanges } = await run(quality, ServiceRulesChangesQuery);
    expect(serviceRuleChanges.map((c) => `${c.entityType}:${c.action}`)).toEqual([
      'SlaRule:DEACTIVATE',
      'SlaRule:UPDATE',
      'SlaRule:CREATE',
    ]);
  });

  it('calendar and authority tabs', async () => {
    const calendar = await run(quality, ServiceRulesCalendarQuery, { year: 2031 });
    expect(getFragmentData(ServiceRulesBusinessHoursFragment, calendar.businessHours).version).toBe(0);
    await run(manager, ServiceRulesUpdateBusinessHoursMutation, {
      version: 0,
      input: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' },
    });
    await run(manager, ServiceRulesAddCalendarDaysMutation, {
      input: { from: '2031-05-01', to: '2031-05-03', isWorkday: false, name: '劳动节' },
    });
    const after = await run(quality, ServiceRulesCalendarQuery, { year: 2031 });
    expect(getFragmentData(ServiceRulesCalendarDayFragment, after.calendarDays).map((d) => d.date)).toEqual([
      '2031-05-01',
      '2031-05-02',
      '2031-05-03',
    ]);
    await run(manager, ServiceRulesRemoveCalendarDayMutation, { date: '2031-05-03', version: 1 });

    const authority = await run(quality, ServiceRulesAuthorityQuery);
    expect(getFragmentData(ServiceRulesEscalationPolicyFragment, authority.escalationPolicy).levels).toHaveLength(4);
    const input = getFragmentData(ServiceRulesApprovalAuthorityFragment, authority.approvalAuthority).rules.map(
      (r) => ({
        severity: r.severity,
        approve: r.approve,
        close: r.close,
      }),
    );
    await run(manager, ServiceRulesUpdateAuthorityMutation, { version: 0, input });
    await run(manager, ServiceRulesUpdateEscalationMutation, {
      version: 0,
      input: { dueSoonHours: 4, overduePeriodHours: 8 },
    });
    const refused = await gqlAs(quality, print(ServiceRulesUpdateEscalationMutation), {
      version: 1,
      input: { dueSoonHours: 4, overduePeriodHours: 8 },
    });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  });
});
