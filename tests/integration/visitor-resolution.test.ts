import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '@/graphql/complaints/complaint.service';
import { prisma } from '@/server/db';
import { anonymous, type Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// SPEC §4 "customer's feedback on the disposition recorded", for visitors without a portal account: from /track with
// number + phone, or from the signed link of the "please confirm" mail — once, for the resolution the mail was about.
let quality: Viewer;
let departmentId = '';
let handlerId = '';
let n = 0;

const LOOKUP = `number status awaitingResponse customerFeedback timeline { action toState }`;
const BY_LINK = `query($token: String!) { resolutionByLink(token: $token) { ${LOOKUP} } }`;
const ANSWER_LINK = `mutation($token: String!, $accepted: Boolean!, $comment: String) {
  respondToResolutionByLink(token: $token, accepted: $accepted, comment: $comment) { ${LOOKUP} } }`;
const ANSWER_TRACKED = `mutation($number: String!, $phone: String!, $accepted: Boolean!, $comment: String) {
  respondToTrackedResolution(number: $number, phone: $phone, accepted: $accepted, comment: $comment) { ${LOOKUP} } }`;

/** A visitor's complaint (no customer account) resolved by quality's verification; the link its mail carries. */
async function resolvedVisitorComplaint() {
  n += 1;
  const verifying = await prisma.interaction.create({
    data: {
      number: `TS-VR-${n}`,
      type: 'COMPLAINT',
      channel: 'PORTAL',
      status: 'VERIFYING',
      severity: 'GENERAL',
      companyName: '临时访客公司',
      contactName: '王先生',
      contactPhone: '138 0013 8000',
      contactEmail: `visitor${n}@example.com`,
      subject: `到货破损 ${n}`,
      description: '外箱破损',
      responsibleDepartmentId: departmentId,
      ownerId: handlerId,
    },
  });
  await runCommand(quality, verifying.id, verifying.version, { type: 'VERIFY', effective: true, comment: '已补发' });
  const [mail] = await prisma.$queryRawUnsafe<{ data: { text: string } }[]>(
    `SELECT data FROM "${process.env.KEFU_QUEUE_SCHEMA!}".job WHERE name = 'send-mail-customer' AND data->>'ref' = $1`,
    `customer:RESOLVED:${verifying.number}`,
  );
  const token = /\/r\/([^\s/]+)/.exec(mail?.data.text ?? '')?.[1];
  return { id: verifying.id, number: verifying.number, token: token ?? '' };
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL = 'http://kefu.test';
  quality = (await createStaff('QUALITY_MANAGER')).viewer;
  departmentId = (await prisma.department.create({ data: { code: 'LOG-VR', name: '物流部' } })).id;
  handlerId = (await createStaff('DEPARTMENT_HANDLER', { departmentId })).user.id;
});

describe('a visitor answers a resolution without an account', () => {
  it('from the mail’s signed link: the link opens the record, the answer is recorded once, as the customer’s', async () => {
    const complaint = await resolvedVisitorComplaint();
    expect(complaint.token).toMatch(/^[0-9a-f-]{36}[A-Za-z0-9_-]{43}$/);
    const opened = await gqlOk<{ resolutionByLink: { awaitingResponse: boolean; status: string } }>(
      anonymous,
      BY_LINK,
      {
        token: complaint.token,
      },
    );
    expect(opened.resolutionByLink).toMatchObject({ status: 'RESOLVED', awaitingResponse: true });

    const answered = await gqlOk<{ respondToResolutionByLink: Record<string, unknown> }>(anonymous, ANSWER_LINK, {
      token: complaint.token,
      accepted: true,
      comment: '已收到补发，谢谢',
    });
    expect(answered.respondToResolutionByLink).toMatchObject({
      status: 'RESOLVED',
      awaitingResponse: false,
      customerFeedback: 'ACCEPTED',
    });
    const again = await gqlAs(anonymous, ANSWER_LINK, { token: complaint.token, accepted: false, comment: '再试' });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const row = await prisma.interaction.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(row).toMatchObject({ customerFeedback: 'ACCEPTED', customerFeedbackComment: '已收到补发，谢谢' });
    const entry = await prisma.historyEntry.findFirstOrThrow({
      where: { entityId: complaint.id, action: 'CUSTOMER_FEEDBACK' },
    });
    expect(entry).toMatchObject({ actorId: null, actorLabel: 'anonymous', comment: '已收到补发，谢谢' });
  });

  it('a link that was tampered with, or whose resolution no longer stands, opens nothing', async () => {
    const complaint = await resolvedVisitorComplaint();
    const forged = `${complaint.id}${'A'.repeat(43)}`;
    expect(errorCodes(await gqlAs(anonymous, BY_LINK, { token: forged }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(anonymous, BY_LINK, { token: 'nonsense' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(anonymous, ANSWER_LINK, { token: forged, accepted: true }))).toEqual(['NOT_FOUND']);
    // Disputed from /track: the complaint reopens, and the mail's link (bound to that resolution) is dead.
    const disputed = await gqlOk<{ respondToTrackedResolution: Record<string, unknown> }>(anonymous, ANSWER_TRACKED, {
      number: complaint.number,
      phone: '13800138000',
      accepted: false,
      comment: '补发的货也破损了',
    });
    expect(disputed.respondToTrackedResolution).toMatchObject({ status: 'REOPENED', customerFeedback: 'DISPUTED' });
    expect(errorCodes(await gqlAs(anonymous, BY_LINK, { token: complaint.token }))).toEqual(['NOT_FOUND']);
  });

  it('from /track: the number and phone prove the record; a dispute needs a reason', async () => {
    const complaint = await resolvedVisitorComplaint();
    const wrongPhone = await gqlAs(anonymous, ANSWER_TRACKED, {
      number: complaint.number,
      phone: '13900000000',
      accepted: true,
    });
    expect(errorCodes(wrongPhone)).toEqual(['NOT_FOUND']);
    const noReason = await gqlAs(anonymous, ANSWER_TRACKED, {
      number: complaint.number,
      phone: '138 0013 8000',
      accepted: false,
    });
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT']);
    const accepted = await gqlOk<{ respondToTrackedResolution: Record<string, unknown> }>(anonymous, ANSWER_TRACKED, {
      number: complaint.number,
      phone: '138-0013-8000',
      accepted: true,
    });
    expect(accepted.respondToTrackedResolution).toMatchObject({
      awaitingResponse: false,
      customerFeedback: 'ACCEPTED',
    });
    // /track now shows the resolution answered.
    const lookup = await gqlOk<{ lookupInteraction: { awaitingResponse: boolean } }>(
      anonymous,
      `query($number: String!, $phone: String!) { lookupInteraction(number: $number, phone: $phone) { awaitingResponse } }`,
      { number: complaint.number, phone: '13800138000' },
    );
    expect(lookup.lookupInteraction.awaitingResponse).toBe(false);
  });
});
