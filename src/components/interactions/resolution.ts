// Shared by the portal's server pages and the client component that records the answer (a 'use client' module's
// exports are client references on the server, so the rule lives here).

/** A resolved complaint still waiting for the customer's word on its disposition (SPEC §4). */
export const awaitsCustomerFeedback = (r: { type: string; status: string; customerFeedback: string | null }) =>
  r.type === 'COMPLAINT' && r.status === 'RESOLVED' && r.customerFeedback === null;
