import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setPendingUploadsDir } from '@/server/storage/pending-uploads';
import { PostgresStorage } from '@/server/storage/postgres-storage';
import { DiskStorage, setStorage } from '@/server/storage/storage';

/**
 * The default storage — PostgreSQL, in the test database, emptied between files like every table — with pending
 * uploads streaming through a fresh temp folder (never the developer's .data).
 */
export function useTempStorage(): void {
  setStorage(new PostgresStorage());
  setPendingUploadsDir(mkdtempSync(join(tmpdir(), 'kefu-pending-')));
}

/** Disk storage (KEFU_STORAGE=disk) and pending uploads in fresh temp folders; returns the storage's folder. */
export function useTempDiskStorage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-uploads-'));
  setStorage(new DiskStorage(dir));
  setPendingUploadsDir(mkdtempSync(join(tmpdir(), 'kefu-pending-')));
  return dir;
}

export const SUBMIT = `mutation($input: SubmitInteractionInput!) {
  submitInteraction(input: $input) { id number type channel status version customer { id } timeline { action message { key } toState } attachments { id fileName mimeType sizeBytes } }
}`;

export const RECORD = `mutation($input: RecordInteractionInput!) {
  recordInteraction(input: $input) { id number type channel status version registeredBy { id } }
}`;

export type SubmittedInteraction = {
  id: string;
  number: string;
  type: string;
  channel: string;
  status: string;
  version: number;
  customer: { id: string } | null;
  timeline: { action: string; message: { key: string } | null; toState: string | null }[];
  attachments: { id: string; fileName: string; mimeType: string; sizeBytes: number }[];
};

export function submitInput(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    type: 'COMPLAINT',
    subject: '产品尺寸超差',
    description: '第 3 批次零件外径超差 0.2 mm',
    ...overrides,
  };
}

export function anonymousInput(overrides: Record<string, unknown> = {}) {
  return submitInput({
    companyName: '临时访客公司',
    contactName: '王先生',
    contactPhone: '138 0013 8000',
    ...overrides,
  });
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
export const files = {
  pdf: (name = 'report.pdf') => ({ fileName: name, contentBase64: b64('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n') }),
  png: (name = 'photo.png') => ({
    fileName: name,
    contentBase64: b64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
  }),
  txt: (name = 'note.txt', text = '现场情况说明') => ({ fileName: name, contentBase64: b64(text) }),
  exe: (name = 'virus.pdf') => ({ fileName: name, contentBase64: b64(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])) }),
  ofSize: (bytes: number, name = 'big.txt') => ({
    fileName: name,
    contentBase64: Buffer.alloc(bytes, 0x61).toString('base64'),
  }),
};
