import { describe, expect, it } from 'vitest';
import { notificationHref } from './notification.rules';

const id = '6f1c1d7e-8d7a-4c55-9d8e-0a1b2c3d4e5f';

describe('notificationHref', () => {
  it('opens a complaint in its workbench and other intake in its record page', () => {
    expect(notificationHref('Interaction', id, 'COMPLAINT')).toBe(`/console/complaints/${id}`);
    expect(notificationHref('Interaction', id, 'CONSULTATION')).toBe(`/console/interactions/${id}`);
  });

  it('links a callback task to the overdue queue and survey records to their pages', () => {
    expect(notificationHref('Callback', id, null)).toBe('/console/callbacks?queue=OVERDUE');
    expect(notificationHref('SurveyResponse', id, null)).toBe(`/console/surveys/responses/${id}`);
    expect(notificationHref('SurveyCampaign', id, null)).toBe(`/console/surveys/campaigns/${id}`);
    expect(notificationHref('Customer', id, null)).toBe(`/console/customers/${id}`);
  });

  it('links nowhere without a record, for an unknown type, or for an interaction that is gone', () => {
    expect(notificationHref(null, null, null)).toBeNull();
    expect(notificationHref('Interaction', null, null)).toBeNull();
    expect(notificationHref('Interaction', id, null)).toBeNull();
    expect(notificationHref('Widget', id, null)).toBeNull();
  });
});
