import { beforeAll, describe, expect, it } from 'vitest';
import { readNoticeAttachment } from '@/graphql/notices/notice.service';
import { prisma } from '@/server/db';
import { savePendingUpload } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { useTempStorage } from '../helpers/interactions';

// Issue 14 item 4: a notice carries attachments (uploaded first, claimed by token when the notice is saved), read by
// whoever may read the notice and nobody else; removed files leave storage.
const FIELDS = `id version status attachments { id fileName mimeType sizeBytes downloadUrl }`;
type Row = {
  id: string;
  version: number;
  status: string;
  attachments: { id: string; fileName: string; mimeType: string; sizeBytes: number; downloadUrl: string }[];
};
const CREATE = `mutation($input: NoticeInput!) { createNotice(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: NoticeInput!) { updateNotice(id: $id, version: $v, input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitNotice(id: $id, version: $v) { ${FIELDS} } }`;
const PORTAL = `{ portalNotices { id attachments { fileName downloadUrl } } }`;

let desk: Viewer;
let inAudience: Viewer;
let outside: Viewer;

const upload = (name: string, text: string) =>
  savePendingUpload(async (file) => {
    const bytes = Buffer.from(text);
    await new Promise<void>((resolve, reject) => file.end(bytes, (e?: Error | null) => (e ? reject(e) : resolve())));
    return { fileName: name, mimeType: 'text/plain', sizeBytes: bytes.length };
  });

const input = (over: Record<string, unknown> = {}) => ({
  title: '春节服务安排',
  level: 'IMPORTANT',
  body: '<p>见附件</p>',
  audience: { all: false, provinces: ['江苏'] },
  ...over,
});

beforeAll(async () => {
  useTempStorage();
  desk = (await createStaff('SERVICE_AGENT')).viewer;
  inAudience = (await createCustomerUser((await createCustomerRecord({ province: '江苏' })).id)).viewer;
  outside = (await createCustomerUser((await createCustomerRecord({ province: '广东' })).id)).viewer;
});

describe('notice attachments', () => {
  it('attaches uploads on save, serves them to the audience only, and removes them with their files', async () => {
    const [a, b] = [await upload('值班表.txt', '值班：张三'), await upload('联系方式.txt', '电话：021-5555')];
    const created = (
      await gqlOk<{ createNotice: Row }>(desk, CREATE, { input: input({ attachmentTokens: [a.token, b.token] }) })
    ).createNotice;
    expect(created.attachments.map((f) => f.fileName)).toEqual(['值班表.txt', '联系方式.txt']);
    const [first, second] = created.attachments;
    expect(first!.downloadUrl).toBe(`/api/notices/${created.id}/attachments/${first!.id}`);

    // A token is claimed once: saving it again is a field error, and nothing changes.
    const again = await gqlAs(desk, UPDATE, {
      id: created.id,
      v: created.version,
      input: input({ attachmentTokens: [a.token] }),
    });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(await prisma.attachment.count({ where: { noticeId: created.id } })).toBe(2);

    // Before publication: staff read it, the audience does not yet.
    expect((await readNoticeAttachment(desk, created.id, first!.id)).bytes).toEqual(
      new Uint8Array(Buffer.from('值班：张三')),
    );
    await expect(readNoticeAttachment(inAudience, created.id, first!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const published = (await gqlOk<{ submitNotice: Row }>(desk, SUBMIT, { id: created.id, v: created.version }))
      .submitNotice;
    expect(published.status).toBe('PUBLISHED');
    const portal = (
      await gqlOk<{ portalNotices: { id: string; attachments: { fileName: string }[] }[] }>(inAudience, PORTAL)
    ).portalNotices;
    expect(portal.find((n) => n.id === created.id)?.attachments.map((f) => f.fileName)).toEqual([
      '值班表.txt',
      '联系方式.txt',
    ]);
    const read = await readNoticeAttachment(inAudience, created.id, second!.id);
    expect(Buffer.from(read.bytes).toString()).toBe('电话：021-5555');
    // Outside the audience, or an attachment of another notice: NOT_FOUND.
    await expect(readNoticeAttachment(outside, created.id, first!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = (await gqlOk<{ createNotice: Row }>(desk, CREATE, { input: input() })).createNotice;
    await expect(readNoticeAttachment(desk, other.id, first!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Removing one (on a draft) deletes its row and its stored file after the commit.
    const draft = (
      await gqlOk<{ createNotice: Row }>(desk, CREATE, {
        input: input({ attachmentTokens: [(await upload('a.txt', 'A')).token, (await upload('b.txt', 'B')).token] }),
      })
    ).createNotice;
    const gone = draft.attachments[0]!;
    const key = (await prisma.attachment.findUniqueOrThrow({ where: { id: gone.id } })).storageKey;
    const updated = (
      await gqlOk<{ updateNotice: Row }>(desk, UPDATE, {
        id: draft.id,
        v: draft.version,
        input: input({ removeAttachmentIds: [gone.id] }),
      })
    ).updateNotice;
    expect(updated.attachments.map((f) => f.fileName)).toEqual(['b.txt']);
    expect(await storage().get(key)).toBeNull();
  });

  it('holds at most five files per notice', async () => {
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => upload(`${n}.txt`, String(n)).then((u) => u.token)));
    const created = (await gqlOk<{ createNotice: Row }>(desk, CREATE, { input: input({ attachmentTokens: tokens }) }))
      .createNotice;
    expect(created.attachments).toHaveLength(5);
    const sixth = await upload('6.txt', '6');
    const refused = await gqlAs(desk, UPDATE, {
      id: created.id,
      v: created.version,
      input: input({ attachmentTokens: [sixth.token] }),
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect((refused.errors?.[0]?.extensions?.fields as Record<string, { key: string }>).attachmentTokens?.key).toBe(
      'notice.tooManyAttachments',
    );
  });
});
