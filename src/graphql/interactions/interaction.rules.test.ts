import { describe, expect, it } from 'vitest';
import { checkAttachments, decodeUploads, MAX_ATTACHMENT_BYTES, normalisePhone, parseSubmitInput, yearIn } from './interaction.rules';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('normalisePhone', () => {
  it('ignores spaces, dashes, dots, brackets and a +86/0086 prefix', () => {
    expect(normalisePhone('138 0013-8000')).toBe('13800138000');
    expect(normalisePhone('+86 138.0013.8000')).toBe('13800138000');
    expect(normalisePhone('0086-13800138000')).toBe('13800138000');
    expect(normalisePhone('(021) 5555-0000')).toBe('02155550000');
  });
});

describe('yearIn Asia/Shanghai', () => {
  it('turns the year at 16:00 UTC on 31 December', () => {
    expect(yearIn(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(yearIn(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});

describe('checkAttachments', () => {
  const fields = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as { details: { fields: Record<string, string> } }).details.fields;
    }
    throw new Error('expected a BAD_USER_INPUT');
  };

  it('accepts each allowed type by signature and stores the server’s MIME type', () => {
    const files = [
      { fileName: 'a.pdf', bytes: text('%PDF-1.7') },
      { fileName: 'b.JPG', bytes: bytes(0xff, 0xd8, 0xff, 0xe0) },
      { fileName: 'c.png', bytes: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
      { fileName: 'd.webp', bytes: text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ') },
      { fileName: 'e.xlsx', bytes: bytes(0x50, 0x4b, 0x03, 0x04, 0) },
    ];
    expect(checkAttachments(files).map((f) => f.mimeType)).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('refuses spoofed content, unknown extensions, path tricks keep no directory', () => {
    expect(fields(() => checkAttachments([{ fileName: 'x.docx', bytes: text('%PDF-1.7') }]))).toHaveProperty('attachments');
    expect(fields(() => checkAttachments([{ fileName: 'x.svg', bytes: text('<svg/>') }]))).toHaveProperty('attachments');
    expect(fields(() => checkAttachments([{ fileName: 'noextension', bytes: text('hi') }]))).toHaveProperty('attachments');
    expect(checkAttachments([{ fileName: '../../etc/passwd.txt', bytes: text('x') }])[0]!.fileName).toBe('.._.._etc_passwd.txt');
  });

  it('counts files already attached toward the limit of five', () => {
    expect(fields(() => checkAttachments([{ fileName: 'a.txt', bytes: text('a') }], 5))).toHaveProperty('attachments');
  });

  it('refuses base64 clearly over 10 MB before decoding it', () => {
    const huge = 'A'.repeat(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 100);
    expect(fields(() => decodeUploads([{ fileName: 'big.txt', contentBase64: huge }]))).toHaveProperty('attachments');
  });
});

describe('parseSubmitInput', () => {
  const base = { idempotencyKey: 'abcdefgh-1234', type: 'COMPLAINT', subject: '主题', description: '描述' };
  it('requires company, contact and phone from anonymous visitors only', () => {
    expect(() => parseSubmitInput(base, false)).not.toThrow();
    expect(() => parseSubmitInput(base, true)).toThrow();
    expect(() => parseSubmitInput({ ...base, companyName: '公司', contactName: '王', contactPhone: '13800138000' }, true)).not.toThrow();
  });
  it('refuses a malformed phone and a too short idempotency key', () => {
    expect(() => parseSubmitInput({ ...base, contactPhone: 'call me' }, false)).toThrow();
    expect(() => parseSubmitInput({ ...base, idempotencyKey: 'x' }, false)).toThrow();
  });
});
