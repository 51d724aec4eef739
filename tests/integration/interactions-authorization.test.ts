import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/graphql/route';
import { GET as downloadAttachment } from '@/app/api/interactions/[id]/attachments/[attachmentId]/route';
import { STAFF_ROLES, ROLE_PERMISSIONS } from '@/server/auth/policies';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  anonymousInput,
  files,
  RECORD,
  SUBMIT,
  submitInput,
  useTempStorage,
  type SubmittedInteraction,
} from '../helpers/interactions';

const anonymous: Viewer = { kind: 'anonymous' };
let customerA: { id: string };
let customerB: { id: string };
let viewerA: Viewer;
let viewerB: Viewer;
let ownA: SubmittedInteraction;
let ownB: SubmittedInteraction;
let anonymousOne: SubmittedInteraction;

const submitOk = async (viewer: Viewer, input: Record<string, unknown>) =>
  (await gqlOk<{ submitInteraction: SubmittedInteraction }>(viewer, SUBMIT, { input })).submitInteraction;

beforeAll(async () => {
  useTempStorage();
  customerA = await createCustomerRecord({ name: '甲方客户' });
  customerB = await createCustomerRecord({ name: '乙方客户' });
  viewerA = (await createCustomerUser(customerA.id)).viewer;
  viewerB = (await createCustomerUser(customerB.id)).viewer;
  ownA = await submitOk(viewerA, submitInput({ subject: '甲方的投诉', attachments: [files.pdf()] }));
  ownB = await submitOk(viewerB, submitInput({ subject: '乙方的投诉', attachments: [files.pdf()] }));
  anonymousOne = await submitOk(anonymous, anonymousInput({ subject: '访客投诉' }));
});

describe('a customer reaches only its own interactions', () => {
  it('by id and by number: another organisation’s answers NOT_FOUND', async () => {
    const mine = await gqlOk<{ interaction: { subject: string } }>(
      viewerA,
      `query($id: ID!) { interaction(id: $id) { subject } }`,
      { id: ownA.id },
    );
    expect(mine.interaction.subject).toBe('甲方的投诉');
    expect(
      errorCodes(await gqlAs(viewerA, `query($id: ID!) { interaction(id: $id) { subject } }`, { id: ownB.id })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await gqlAs(viewerA, `query($id: ID!) { interaction(id: $id) { subject } }`, { id: anonymousOne.id })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await gqlAs(viewerA, `query($n: String!) { interactionByNumber(number: $n) { subject } }`, { n: ownB.number }),
      ),
    ).toEqual(['NOT_FOUND']);
    const byNumber = await gqlOk<{ interactionByNumber: { id: string } }>(
      viewerA,
      `query($n: String!) { interactionByNumber(number: $n) { id } }`,
      { n: ownA.number },
    );
    expect(byNumber.interactionByNumber.id).toBe(ownA.id);
  });

  it('by list: only its own, whatever the filter (even naming another customer)', async () => {
    const list = await gqlOk<{
      interactions: { nodes: { id: string }[]; totalCount: number; countsByStatus: { count: number }[] };
    }>(viewerA, `{ interactions { nodes { id } totalCount countsByStatus { count } } }`);
    expect(list.interactions.nodes.map((n) => n.id)).toEqual([ownA.id]);
    expect(list.interactions.totalCount).toBe(1);
    expect(list.interactions.countsByStatus).toEqual([{ count: 1 }]);
    const foreign = await gqlOk<{ interactions: { nodes: unknown[] } }>(
      viewerA,
      `query($c: ID!) { interactions(filter: { customerId: $c }) { nodes { id } } }`,
      { c: customerB.id },
    );
    expect(foreign.interactions.nodes).toEqual([]);
    const searched = await gqlOk<{ interactions: { nodes: unknown[] } }>(
      viewerA,
      `query($s: String!) { interactions(filter: { search: $s }) { nodes { id } } }`,
      { s: ownB.number },
    );
    expect(searched.interactions.nodes).toEqual([]);
  });

  it('by nested field: its customer’s interactions are its own; another customer is unreachable', async () => {
    const nested = await gqlOk<{ viewer: { customer: { interactions: { id: string }[] } } }>(
      viewerA,
      `{ viewer { customer { interactions { id } } } }`,
    );
    expect(nested.viewer.customer.interactions.map((i) => i.id)).toEqual([ownA.id]);
    // Walking back to the customer from its interactions is refused for customers before anything runs (issue 10).
    expect(errorCodes(await gqlAs(viewerA, `{ viewer { customer { interactions { id customer { id } } } } }`))).toEqual(
      ['GRAPHQL_VALIDATION_FAILED'],
    );
    expect(
      errorCodes(
        await gqlAs(viewerA, `query($id: ID!) { customer(id: $id) { interactions { id } } }`, { id: customerB.id }),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('sees the customer-facing timeline but no internal history, no registering staff; cannot record or convert', async () => {
    const own = await gqlOk<{
      interaction: { history: unknown[]; timeline: { message: { text: string } }[]; registeredBy: unknown };
    }>(
      viewerA,
      `query($id: ID!) { interaction(id: $id) { history { id } timeline { message { text } } registeredBy { id } } }`,
      { id: ownA.id },
    );
    expect(own.interaction.history).toEqual([]);
    expect(own.interaction.timeline).toEqual([{ message: { text: 'Received' } }]);
    expect(own.interaction.registeredBy).toBeNull();
    expect(
      errorCodes(
        await gqlAs(viewerA, RECORD, {
          input: { channel: 'PHONE', type: 'INQUIRY', customerId: customerA.id, subject: 'x', description: 'y' },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await gqlAs(viewerA, `mutation($id: ID!) { convertToComplaint(id: $id, version: 1) { id } }`, { id: ownA.id }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('cannot look up another’s record without its phone', async () => {
    const result = await gqlAs(
      viewerA,
      `query($n: String!) { lookupInteraction(number: $n, phone: "13800138000") { status } }`,
      { n: ownB.number },
    );
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    const noPhoneOnRecord = await gqlAs(
      anonymous,
      `query($n: String!) { lookupInteraction(number: $n, phone: "") { status } }`,
      { n: ownA.number },
    );
    expect(errorCodes(noPhoneOnRecord)).toEqual(['NOT_FOUND']);
  });
});

describe('anonymous visitors', () => {
  it('may submit and look up, but read nothing else', async () => {
    for (const op of [
      `{ interactions { totalCount } }`,
      `query { interactionByNumber(number: "${anonymousOne.number}") { id } }`,
      `query { interaction(id: "${anonymousOne.id}") { id } }`,
    ]) {
      expect(errorCodes(await gqlAs(anonymous, op))).toEqual(['UNAUTHENTICATED']);
    }
    expect(
      errorCodes(
        await gqlAs(anonymous, RECORD, {
          input: { channel: 'PHONE', type: 'INQUIRY', customerId: customerA.id, subject: 'x', description: 'y' },
        }),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });
});

describe('attachment download route', () => {
  const download = (interactionId: string, attachmentId: string, headers: Record<string, string> = {}) =>
    downloadAttachment(
      new NextRequest(`http://localhost/api/interactions/${interactionId}/attachments/${attachmentId}`, { headers }),
      {
        params: Promise.resolve({ id: interactionId, attachmentId }),
      },
    );

  it('serves a file to an API client with interactions:read, never to the wrong key or nobody', async () => {
    const { key } = await createApiKeyRow(['interactions:read']);
    const ok = await download(ownA.id, ownA.attachments[0]!.id, { authorization: `Bearer ${key}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const { key: other } = await createApiKeyRow(['customers:read']);
    expect((await download(ownA.id, ownA.attachments[0]!.id, { authorization: `Bearer ${other}` })).status).toBe(403);
    expect((await download(ownA.id, ownA.attachments[0]!.id)).status).toBe(401);
    // An attachment id under another interaction's id is not found.
    expect((await download(ownA.id, ownB.attachments[0]!.id, { authorization: `Bearer ${key}` })).status).toBe(404);
  });

  it('a customer downloads its own attachment, not another’s', async () => {
    const { readAttachment } = await import('@/graphql/interactions/interaction.service');
    await expect(readAttachment(viewerA, ownA.id, ownA.attachments[0]!.id)).resolves.toHaveProperty('attachment');
    await expect(readAttachment(viewerA, ownB.id, ownB.attachments[0]!.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('staff roles', () => {
  it('every staff role reads (a department handler only its department’s); only agents, service managers, quality managers and admins record', async () => {
    const writers = new Set(['SERVICE_AGENT', 'SERVICE_MANAGER', 'QUALITY_MANAGER', 'ADMIN']);
    for (const role of STAFF_ROLES) {
      expect(ROLE_PERMISSIONS[role]).toContain('interactions:read');
      const staff = (await createStaff(role)).viewer;
      const list = await gqlOk<{ interactions: { totalCount: number } }>(staff, `{ interactions { totalCount } }`);
      if (role === 'DEPARTMENT_HANDLER')
        expect(list.interactions.totalCount).toBe(0); // nothing is assigned to a department here
      else expect(list.interactions.totalCount).toBeGreaterThanOrEqual(3);
      const recorded = await gqlAs(staff, RECORD, {
        input: {
          channel: 'PHONE',
          type: 'INQUIRY',
          customerId: customerA.id,
          subject: '来电',
          description: '来电内容',
        },
      });
      expect(errorCodes(recorded)).toEqual(writers.has(role) ? [] : ['FORBIDDEN']);
    }
  });

  it('staff use recordInteraction, not the portal submission; they see history and the registering user', async () => {
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    expect(errorCodes(await gqlAs(agent, SUBMIT, { input: submitInput() }))).toEqual(['FORBIDDEN']);
    const seen = await gqlOk<{ interaction: { history: { action: string }[]; customer: { id: string } } }>(
      agent,
      `query($id: ID!) { interaction(id: $id) { history { action } customer { id } } }`,
      { id: ownA.id },
    );
    expect(seen.interaction.history.map((h) => h.action)).toEqual(['CREATE']);
    expect(seen.interaction.customer.id).toBe(customerA.id);
  });
});

describe('API keys (over HTTP)', () => {
  async function http(query: string, variables: Record<string, unknown>, key: string) {
    const response = await POST(
      new NextRequest('http://localhost/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      }),
    );
    return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
  }
  const codes = (body: { errors?: { extensions?: { code?: string } }[] }) =>
    (body.errors ?? []).map((e) => e.extensions?.code);

  it('interactions:write submits with channel API, idempotently; read-only keys cannot; customers:read alone reads nothing', async () => {
    const { key: writer } = await createApiKeyRow(['interactions:read', 'interactions:write'], { name: 'ERP' });
    const input = submitInput({ customerId: customerB.id, subject: 'ERP 推送的投诉' });
    const first = await http(`${SUBMIT}`, { input }, writer);
    expect(codes(first)).toEqual([]);
    const created = (first.data as { submitInteraction: SubmittedInteraction }).submitInteraction;
    expect(created.channel).toBe('API');
    expect(created.customer).toBeNull(); // the key has no customers:read, so the customer record is not shown
    const again = await http(SUBMIT, { input }, writer);
    expect((again.data as { submitInteraction: { id: string } }).submitInteraction.id).toBe(created.id);

    const { key: reader } = await createApiKeyRow(['interactions:read']);
    expect(codes(await http(SUBMIT, { input: submitInput() }, reader))).toEqual(['FORBIDDEN']);
    expect(codes(await http(`{ interactions { totalCount } }`, {}, reader))).toEqual([]);

    const { key: customersOnly } = await createApiKeyRow(['customers:read']);
    expect(codes(await http(`{ interactions { totalCount } }`, {}, customersOnly))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await http(
          `query($id: ID!) { customer(id: $id) { interactions { id } } }`,
          { id: customerA.id },
          customersOnly,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('adding attachments later', () => {
  const ADD = `mutation($id: ID!, $files: [AttachmentUpload!]!) { addInteractionAttachments(id: $id, attachments: $files) { attachments { fileName } timeline { action } } }`;

  it('the customer adds to its own record, up to five in all (also in parallel); not to another’s', async () => {
    const own = await submitOk(
      viewerA,
      submitInput({ subject: '补充附件', attachments: [files.txt('1.txt'), files.txt('2.txt')] }),
    );
    const added = await gqlOk<{
      addInteractionAttachments: { attachments: { fileName: string }[]; timeline: { action: string }[] };
    }>(viewerA, ADD, {
      id: own.id,
      files: [files.png('3.png')],
    });
    expect(added.addInteractionAttachments.attachments.map((a) => a.fileName)).toEqual(['1.txt', '2.txt', '3.png']);
    expect(added.addInteractionAttachments.timeline.map((e) => e.action)).toEqual(['CREATE', 'ATTACH']);

    // Three requests of two files each race for the two places left: exactly one wins.
    const racing = await Promise.all(
      [0, 1, 2].map((i) =>
        gqlAs(viewerA, ADD, { id: own.id, files: [files.txt(`r${i}a.txt`), files.txt(`r${i}b.txt`)] }),
      ),
    );
    expect(racing.filter((r) => !r.errors).length).toBe(1);
    expect(racing.filter((r) => errorCodes(r).includes('BAD_USER_INPUT')).length).toBe(2);
    const { prisma } = await import('@/server/db');
    expect(await prisma.attachment.count({ where: { interactionId: own.id } })).toBe(5);

    expect(errorCodes(await gqlAs(viewerB, ADD, { id: own.id, files: [files.txt()] }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(anonymous, ADD, { id: own.id, files: [files.txt()] }))).toEqual(['UNAUTHENTICATED']);
    const readOnly = (await createStaff('EXECUTIVE')).viewer;
    expect(errorCodes(await gqlAs(readOnly, ADD, { id: ownB.id, files: [files.txt()] }))).toEqual(['FORBIDDEN']);
  });
});
