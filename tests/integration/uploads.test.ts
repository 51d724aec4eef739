import { randomBytes } from 'node:crypto';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as downloadAttachment } from '@/app/api/interactions/[id]/attachments/[attachmentId]/route';
import { createApolloServer } from '@/graphql/server';
import { ALLOWED_EXTENSIONS, MAX_ATTACHMENT_BYTES } from '@/graphql/interactions/interaction.rules';
import { englishMessage, type ErrorKey } from '@/server/error-keys';
import { prisma } from '@/server/db';
import { createAppHttpServer, type AppHttpServer } from '@/server/http/http-server';
import {
  PENDING_UPLOAD_MAX_AGE_MS,
  pendingUploadsDir,
  removeExpiredPendingUploads,
} from '@/server/storage/pending-uploads';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  anonymousInput,
  files,
  RECORD,
  SUBMIT,
  useTempDiskStorage,
  type SubmittedInteraction,
} from '../helpers/interactions';

/**
 * POST /api/uploads (src/server/http/upload-http.ts) and the intake's claim of its tokens, through the real HTTP front
 * with its default GraphQL body limit. Each test uploads from a loopback address of its own (127.0.0.x), so the
 * per-address limit of one never meets another's uploads.
 */
const LIMIT_PER_ADDRESS = 8;
process.env.UPLOAD_LIMIT_PER_IP = String(LIMIT_PER_ADDRESS);
delete process.env.KEFU_MAX_BODY_BYTES;

let app: AppHttpServer;
let port: number;
let storageDir: string;
const anonymous: Viewer = { kind: 'anonymous' };

beforeAll(async () => {
  storageDir = useTempDiskStorage();
  const apollo = createApolloServer();
  await apollo.start();
  app = createAppHttpServer({ apollo });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  port = (app.server.address() as AddressInfo).port;
});
afterAll(() => app.drain(1000));

type Reply = { status: number; headers: IncomingHttpHeaders; text: string };

/**
 * One request with full control of the body: `declaredLength` sends that Content-Length (default: the body's), `chunked`
 * sends no length at all; the body goes in 64 KB pieces, and sending stops once the server has answered.
 */
function send(
  path: string,
  body: Buffer,
  options: {
    headers?: Record<string, string>;
    from?: string;
    method?: string;
    chunked?: boolean;
    declaredLength?: number;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (!options.chunked) headers['content-length'] = options.declaredLength ?? body.length;
    let answered: Reply | null = null;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        headers,
        localAddress: options.from ?? '127.0.0.1',
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          answered = { status: res.statusCode ?? 0, headers: res.headers, text };
          req.destroy();
          resolve(answered);
        });
      },
    );
    // A server that refuses and closes while the body is still coming may reset the connection: only an error before
    // any answer is a failure.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const writeFrom = (offset: number) => {
      while (offset < body.length && !answered && !req.destroyed) {
        const piece = body.subarray(offset, offset + 64 * 1024);
        offset += piece.length;
        if (!req.write(piece)) return void req.once('drain', () => writeFrom(offset));
      }
      if (offset >= body.length && !req.destroyed) req.end();
    };
    writeFrom(0);
  });
}

type Receipt = { token: string; fileName: string; sizeBytes: number; mimeType: string; expiresAt: string };

function upload(
  fileName: string,
  bytes: Buffer,
  options: { from?: string; chunked?: boolean; declaredLength?: number; headers?: Record<string, string> } = {},
) {
  return send('/api/uploads', bytes, {
    ...options,
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(fileName),
      ...options.headers,
    },
  });
}

async function uploadOk(fileName: string, bytes: Buffer, from: string): Promise<Receipt> {
  const reply = await upload(fileName, bytes, { from });
  expect(reply.status, reply.text).toBe(201);
  return JSON.parse(reply.text) as Receipt;
}

type RefusalBody = {
  code: string;
  key: string;
  params?: Record<string, string | number>;
  fields?: Record<string, { key: string; params?: Record<string, string | number> }>;
  message: string;
};
const errorOf = (reply: Reply) => (JSON.parse(reply.text) as { error: RefusalBody }).error;
const pendingFiles = () => readdirSync(pendingUploadsDir());
const storedFiles = () =>
  readdirSync(storageDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size: number) => Buffer.concat([PNG_HEAD, randomBytes(size - PNG_HEAD.length)]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);

const graphqlOverHttp = (query: string, variables: Record<string, unknown>, from = '127.0.0.1') =>
  send('/api/graphql', Buffer.from(JSON.stringify({ query, variables })), {
    headers: { 'content-type': 'application/json' },
    from,
  });

describe('POST /api/uploads → token → intake', () => {
  it('an anonymous visitor uploads a 3 MB file, submits with its token in a small GraphQL request, and staff download the same bytes', async () => {
    const bytes = pdf(3 * 1024 * 1024);
    const receipt = await uploadOk('检测报告.pdf', bytes, '127.0.0.2');
    expect(receipt).toMatchObject({ fileName: '检测报告.pdf', sizeBytes: bytes.length, mimeType: 'application/pdf' });
    // 32 random bytes in base64url: 256 bits.
    expect(receipt.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(receipt.expiresAt).getTime() - Date.now()).toBeGreaterThan(PENDING_UPLOAD_MAX_AGE_MS - 60_000);
    expect(pendingFiles()).toHaveLength(1);

    const reply = await graphqlOverHttp(SUBMIT, {
      input: anonymousInput({ subject: '带附件的访客投诉', attachments: [{ uploadToken: receipt.token }] }),
    });
    expect(reply.status, reply.text).toBe(200);
    const created = (JSON.parse(reply.text) as { data: { submitInteraction: SubmittedInteraction } }).data
      .submitInteraction;
    expect(created.attachments).toEqual([
      { id: expect.any(String), fileName: '检测报告.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length },
    ]);
    // Claimed: the row and the pending file are gone, the file lives in storage.
    expect(await prisma.pendingUpload.count()).toBe(0);
    expect(pendingFiles()).toEqual([]);

    const { key } = await createApiKeyRow(['interactions:read']);
    const attachmentId = created.attachments[0]!.id;
    const download = await downloadAttachment(
      new NextRequest(`http://localhost/api/interactions/${created.id}/attachments/${attachmentId}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({ id: created.id, attachmentId }) },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('staff record with a token, a customer adds one later; base64 still works beside tokens', async () => {
    const customerRecord = await createCustomerRecord({ name: '上传测试客户' });
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    const customer = (await createCustomerUser(customerRecord.id)).viewer;
    const photo = png(40_000);
    const first = await uploadOk('现场照片.png', photo, '127.0.0.3');
    const recorded = await gqlOk<{ recordInteraction: { id: string } }>(agent, RECORD, {
      input: {
        channel: 'PHONE',
        type: 'COMPLAINT',
        customerId: customerRecord.id,
        subject: '来电投诉',
        description: '外观划伤',
        attachments: [{ uploadToken: first.token }, files.txt('记录.txt')],
      },
    });
    const second = await uploadOk('补充说明.txt', Buffer.from('补充：划伤位于左侧'), '127.0.0.3');
    const added = await gqlOk<{
      addInteractionAttachments: {
        attachments: { fileName: string; sizeBytes: number }[];
        timeline: { message: { text: string } }[];
      };
    }>(
      customer,
      `mutation($id: ID!, $files: [AttachmentUpload!]!) { addInteractionAttachments(id: $id, attachments: $files) { attachments { fileName sizeBytes } timeline { message { text } } } }`,
      { id: recorded.recordInteraction.id, files: [{ uploadToken: second.token }] },
    );
    expect(added.addInteractionAttachments.attachments).toEqual([
      { fileName: '现场照片.png', sizeBytes: photo.length },
      { fileName: '记录.txt', sizeBytes: Buffer.byteLength('现场情况说明') },
      { fileName: '补充说明.txt', sizeBytes: Buffer.byteLength('补充：划伤位于左侧') },
    ]);
    expect(added.addInteractionAttachments.timeline.map((t) => t.message.text)).toContain(
      'Attachments added: 补充说明.txt',
    );
    expect(pendingFiles()).toEqual([]);
  });

  it('exactly one of uploadToken and contentBase64, and a well-formed token, or a field-level BAD_USER_INPUT', async () => {
    const { token } = await uploadOk('a.txt', Buffer.from('a'), '127.0.0.4');
    const cases: [Record<string, unknown>, string][] = [
      [
        { fileName: 'b.txt', contentBase64: files.txt().contentBase64, uploadToken: token },
        'attachments.0.contentBase64',
      ],
      [{ fileName: 'b.txt' }, 'attachments.0.uploadToken'],
      [{ uploadToken: 'not-a-token' }, 'attachments.0.uploadToken'],
      [{ contentBase64: files.txt().contentBase64 }, 'attachments.0.fileName'],
    ];
    for (const [attachment, field] of cases) {
      const result = await gqlAs(anonymous, SUBMIT, { input: anonymousInput({ attachments: [attachment] }) });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.fields).toHaveProperty([field]);
    }
    // None of them took the upload.
    expect(await prisma.pendingUpload.count()).toBe(1);
    await removeExpiredPendingUploads(new Date(Date.now() + PENDING_UPLOAD_MAX_AGE_MS + 1000));
  });
});

describe('a token is claimed once', () => {
  it('two submissions racing for one token: one gets the attachment, the other BAD_USER_INPUT and no record; a later reuse fails too', async () => {
    const { token } = await uploadOk('唯一.txt', Buffer.from('只能用一次'), '127.0.0.5');
    const interactionsBefore = await prisma.interaction.count();
    const results = await Promise.all(
      [0, 1].map(() =>
        gqlAs<{ submitInteraction: SubmittedInteraction }>(anonymous, SUBMIT, {
          input: anonymousInput({ attachments: [{ uploadToken: token }] }),
        }),
      ),
    );
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost.map(errorCodes)).toEqual([['BAD_USER_INPUT']]);
    expect(lost[0]!.errors![0]!.extensions!.fields).toHaveProperty('attachments');
    expect(await prisma.attachment.count({ where: { fileName: '唯一.txt' } })).toBe(1);
    expect(await prisma.interaction.count()).toBe(interactionsBefore + 1);

    const again = await gqlAs(anonymous, SUBMIT, { input: anonymousInput({ attachments: [{ uploadToken: token }] }) });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it('an intake that rolls back after claiming gives the upload back and leaves no stored file', async () => {
    const { token } = await uploadOk('回滚.txt', Buffer.from('回滚后仍可用'), '127.0.0.6');
    const storedBefore = storedFiles().length;
    // The second token is well-formed but unknown: the transaction fails after the first was claimed and stored.
    const unknownToken = randomBytes(32).toString('base64url');
    const failed = await gqlAs(anonymous, SUBMIT, {
      input: anonymousInput({ attachments: [{ uploadToken: token }, { uploadToken: unknownToken }] }),
    });
    expect(errorCodes(failed)).toEqual(['BAD_USER_INPUT']);
    expect(storedFiles()).toHaveLength(storedBefore);
    expect(await prisma.pendingUpload.count()).toBe(1);

    const retried = await gqlOk<{ submitInteraction: SubmittedInteraction }>(anonymous, SUBMIT, {
      input: anonymousInput({ attachments: [{ uploadToken: token }] }),
    });
    expect(retried.submitInteraction.attachments.map((a) => a.fileName)).toEqual(['回滚.txt']);
    expect(pendingFiles()).toEqual([]);
  });
});

describe('refusals', () => {
  it('over 10 MB by Content-Length: 413 before the body is read, nothing left behind', async () => {
    // Only the first 64 KB of the declared length ever come: the answer cannot wait for the rest.
    const reply = await upload('big.pdf', pdf(64 * 1024), {
      from: '127.0.0.7',
      declaredLength: MAX_ATTACHMENT_BYTES + 1,
    });
    expect(reply.status).toBe(413);
    expect(errorOf(reply)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', key: 'interaction.attachmentTooLarge' });
    expect(pendingFiles()).toEqual([]);
    expect(await prisma.pendingUpload.count()).toBe(0);
  });

  it('over 10 MB while streaming without a length: 413 and the partial file removed; exactly 10 MB passes', async () => {
    const reply = await upload('big.pdf', pdf(MAX_ATTACHMENT_BYTES + 1), { from: '127.0.0.7', chunked: true });
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('PAYLOAD_TOO_LARGE');
    expect(pendingFiles()).toEqual([]);
    expect(await prisma.pendingUpload.count()).toBe(0);

    const exact = await upload('exact.pdf', pdf(MAX_ATTACHMENT_BYTES), { from: '127.0.0.7', chunked: true });
    expect(exact.status, exact.text).toBe(201);
    expect((JSON.parse(exact.text) as Receipt).sizeBytes).toBe(MAX_ATTACHMENT_BYTES);
    await removeExpiredPendingUploads(new Date(Date.now() + PENDING_UPLOAD_MAX_AGE_MS + 1000));
    expect(pendingFiles()).toEqual([]);
  }, 60_000);

  it('a disguised or disallowed file: 400 BAD_USER_INPUT on attachments with a message key naming the file, nothing left behind', async () => {
    const mismatch = 'interaction.fileContentMismatch';
    const cases: [string, Buffer, string][] = [
      ['invoice.pdf', png(2048), mismatch],
      ['setup.pdf', Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), randomBytes(4096)]), mismatch],
      [
        'setup.exe',
        Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), randomBytes(4096)]),
        'interaction.fileTypeNotAllowed',
      ],
      ['photo.png', Buffer.from('%PDF-1.7 not a png'), mismatch],
      // Text is checked all the way through, not only at its head.
      [
        'notes.txt',
        Buffer.concat([Buffer.alloc(1024 * 1024, 0x61), Buffer.from([0x00, 0x01]), Buffer.alloc(1024, 0x61)]),
        mismatch,
      ],
      ['empty.txt', Buffer.alloc(0), 'interaction.fileEmpty'],
    ];
    for (const [name, bytes, key] of cases) {
      const reply = await upload(name, bytes, { from: '127.0.0.8' });
      expect(reply.status, name).toBe(400);
      const error = errorOf(reply);
      // The key (+ params) the form translates, as a GraphQL error's extensions carry it; English for other clients.
      expect(error, name).toMatchObject({ code: 'BAD_USER_INPUT', key, params: { fileName: name } });
      expect(error.fields?.attachments).toEqual({ key, params: error.params });
      expect(error.message).toBe(englishMessage(key as ErrorKey, error.params));
      expect(Object.keys(error).sort()).toEqual(['code', 'fields', 'key', 'message', 'params']);
    }
    expect(errorOf(await upload('setup.exe', Buffer.from('MZ'), { from: '127.0.0.8' })).params).toEqual({
      fileName: 'setup.exe',
      allowed: ALLOWED_EXTENSIONS.join('/'),
    });
    expect(pendingFiles()).toEqual([]);
    expect(await prisma.pendingUpload.count()).toBe(0);
  });

  it('nothing a cross-site form could send: another content type 415, no file name 400, GET 405', async () => {
    const body = Buffer.from('hello');
    for (const contentType of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const reply = await upload('a.txt', body, { from: '127.0.0.9', headers: { 'content-type': contentType } });
      expect(reply.status, contentType).toBe(415);
    }
    const nameless = await send('/api/uploads', body, {
      from: '127.0.0.9',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(nameless.status).toBe(400);
    expect(errorOf(nameless)).toMatchObject({
      code: 'BAD_USER_INPUT',
      key: 'interaction.fileNameInvalid',
      fields: { attachments: { key: 'interaction.fileNameInvalid' } },
    });
    expect((await send('/api/uploads', Buffer.alloc(0), { method: 'GET', from: '127.0.0.9' })).status).toBe(405);
    expect(await prisma.pendingUpload.count()).toBe(0);
  });

  it(`at most ${LIMIT_PER_ADDRESS} uploads per 15 minutes from one address (those refused for their content count); another address goes on`, async () => {
    const from = '127.0.0.10';
    expect((await upload('bad.pdf', Buffer.from('MZ'), { from })).status).toBe(400);
    for (let i = 1; i < LIMIT_PER_ADDRESS; i++) await uploadOk(`n${i}.txt`, Buffer.from(`第 ${i} 个`), from);
    const limited = await upload('one-more.txt', Buffer.from('x'), { from });
    expect(limited.status).toBe(429);
    expect(errorOf(limited)).toMatchObject({ code: 'TOO_MANY_REQUESTS', key: 'common.tooManyRequests' });
    expect(Number(errorOf(limited).params?.retryAfterSeconds)).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await uploadOk('elsewhere.txt', Buffer.from('另一个地址'), '127.0.0.11');
    await removeExpiredPendingUploads(new Date(Date.now() + PENDING_UPLOAD_MAX_AGE_MS + 1000));
  });
});

describe('pending uploads not claimed within an hour', () => {
  it('are removed by removeExpiredPendingUploads with their files, and their tokens no longer work', async () => {
    const fresh = await uploadOk('fresh.txt', Buffer.from('新上传'), '127.0.0.12');
    expect(await removeExpiredPendingUploads(new Date())).toEqual({ uploads: 0, orphanFiles: 0 });
    expect(pendingFiles()).toHaveLength(1);

    const later = new Date(Date.now() + PENDING_UPLOAD_MAX_AGE_MS + 60_000);
    expect(await removeExpiredPendingUploads(later)).toEqual({ uploads: 1, orphanFiles: 0 });
    expect(pendingFiles()).toEqual([]);
    const result = await gqlAs(anonymous, SUBMIT, {
      input: anonymousInput({ attachments: [{ uploadToken: fresh.token }] }),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('an upload past its hour is refused by the intake even before the cleanup ran', async () => {
    const old = await uploadOk('old.txt', Buffer.from('一小时前'), '127.0.0.12');
    await prisma.pendingUpload.updateMany({
      data: { createdAt: new Date(Date.now() - PENDING_UPLOAD_MAX_AGE_MS - 1000) },
    });
    const result = await gqlAs(anonymous, SUBMIT, {
      input: anonymousInput({ attachments: [{ uploadToken: old.token }] }),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    await removeExpiredPendingUploads(new Date());
    expect(pendingFiles()).toEqual([]);
  });

  it('files of no upload (a crash mid-upload or after a claim) go once they are an hour old', async () => {
    const stray = join(pendingUploadsDir(), '00000000-0000-4000-8000-000000000000');
    writeFileSync(stray, 'half an upload');
    expect(await removeExpiredPendingUploads(new Date())).toEqual({ uploads: 0, orphanFiles: 0 });
    const twoHoursAgo = new Date(Date.now() - 2 * PENDING_UPLOAD_MAX_AGE_MS);
    utimesSync(stray, twoHoursAgo, twoHoursAgo);
    expect(await removeExpiredPendingUploads(new Date())).toEqual({ uploads: 0, orphanFiles: 1 });
    expect(pendingFiles()).toEqual([]);
  });
});

describe('the GraphQL body limit (KEFU_MAX_BODY_BYTES, default 1 MiB)', () => {
  it('refuses a 50 MB anonymous body with 413 by its Content-Length, before it is read', async () => {
    // Only the first 64 KB of the declared 50 MB ever come: the answer cannot wait for the rest.
    const reply = await send('/api/graphql', Buffer.alloc(64 * 1024, 0x20), {
      headers: { 'content-type': 'application/json' },
      declaredLength: 50 * 1024 * 1024,
      from: '127.0.0.13',
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('refuses a 2 MiB body sent without a length while reading it, and answers one under 1 MiB', async () => {
    const big = Buffer.from(
      JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    );
    expect(
      (
        await send('/api/graphql', big, {
          headers: { 'content-type': 'application/json' },
          chunked: true,
          from: '127.0.0.13',
        })
      ).status,
    ).toBe(413);
    const small = await graphqlOverHttp('{ __typename }', { pad: 'x'.repeat(900 * 1024) }, '127.0.0.13');
    expect(small.status, small.text).toBe(200);
  });
});
