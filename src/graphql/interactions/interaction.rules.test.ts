import { describe, expect, it } from 'vitest';
import {
  checkAttachments,
  decodeUploads,
  inspectAttachment,
  MAX_ATTACHMENT_BYTES,
  normalisePhone,
  parseSubmitInput,
  yearIn,
} from './interaction.rules';

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
      return (error as { fields: Record<string, unknown> }).fields;
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
    expect(checkAttachments(files).map((f) => f.mimeType)).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
      'image/webp',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('refuses spoofed content, unknown extensions, path tricks keep no directory', () => {
    expect(fields(() => checkAttachments([{ fileName: 'x.docx', bytes: text('%PDF-1.7') }]))).toHaveProperty(
      'attachments',
    );
    expect(fields(() => checkAttachments([{ fileName: 'x.svg', bytes: text('<svg/>') }]))).toHaveProperty(
      'attachments',
    );
    expect(fields(() => checkAttachments([{ fileName: 'noextension', bytes: text('hi') }]))).toHaveProperty(
      'attachments',
    );
    expect(checkAttachments([{ fileName: '../../etc/passwd.txt', bytes: text('x') }])[0]!.fileName).toBe(
      '.._.._etc_passwd.txt',
    );
  });

  it('counts files already attached toward the limit of five', () => {
    expect(fields(() => checkAttachments([{ fileName: 'a.txt', bytes: text('a') }], 5))).toHaveProperty('attachments');
  });

  it('refuses base64 clearly over 10 MB before decoding it', () => {
    const huge = 'A'.repeat(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 100);
    expect(fields(() => decodeUploads([{ fileName: 'big.txt', contentBase64: huge }]))).toHaveProperty('attachments');
  });
});

describe('inspectAttachment: the same rule fed in pieces, as the streamed upload route feeds it', () => {
  const inPieces = (fileName: string, whole: Uint8Array, size: number) => {
    const inspection = inspectAttachment(fileName);
    for (let i = 0; i < whole.length; i += size) inspection.push(whole.subarray(i, i + size));
    inspection.finish();
    return inspection;
  };
  const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48);

  it('accepts a signature split over one-byte pieces and text whose characters straddle pieces', () => {
    expect(inPieces('p.png', png, 1)).toMatchObject({ fileName: 'p.png', mimeType: 'image/png', size: png.length });
    expect(inPieces('w.webp', text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 3).mimeType).toBe('image/webp');
    // Each Chinese character is three bytes: pieces of two split every one of them.
    expect(inPieces('说明.txt', text('现场情况说明'), 2).size).toBe(18);
  });

  it('refuses as soon as the head cannot match, and text with a NUL or broken UTF-8 anywhere', () => {
    const disguised = inspectAttachment('invoice.pdf');
    expect(() => disguised.push(png)).toThrow('does not match its extension');
    const late = inspectAttachment('notes.txt');
    late.push(text('a'.repeat(100_000)));
    expect(() => late.push(bytes(0x61, 0x00))).toThrow('does not match its extension');
    // A multi-byte character cut off at the end of the file.
    const truncated = inspectAttachment('cut.txt');
    truncated.push(text('现').subarray(0, 2));
    expect(() => truncated.finish()).toThrow('does not match its extension');
    // A file shorter than the signature.
    const short = inspectAttachment('tiny.pdf');
    short.push(text('%PD'));
    expect(() => short.finish()).toThrow('does not match its extension');
  });

  it('refuses past 10 MB while counting, an empty file at the end, and a bad extension at once', () => {
    const big = inspectAttachment('big.txt');
    big.push(new Uint8Array(MAX_ATTACHMENT_BYTES).fill(0x61));
    expect(() => big.push(text('a'))).toThrow('larger than 10 MB');
    expect(() => inspectAttachment('empty.txt').finish()).toThrow('The file is empty');
    expect(() => inspectAttachment('run.exe')).toThrow('Unsupported file type');
  });
});

describe('parseSubmitInput', () => {
  const base = { idempotencyKey: 'abcdefgh-1234', type: 'COMPLAINT', subject: '主题', description: '描述' };
  it('requires company, contact and phone from anonymous visitors only', () => {
    expect(() => parseSubmitInput(base, false)).not.toThrow();
    expect(() => parseSubmitInput(base, true)).toThrow();
    expect(() =>
      parseSubmitInput({ ...base, companyName: '公司', contactName: '王', contactPhone: '13800138000' }, true),
    ).not.toThrow();
  });
  it('refuses a malformed phone and a too short idempotency key', () => {
    expect(() => parseSubmitInput({ ...base, contactPhone: 'call me' }, false)).toThrow();
    expect(() => parseSubmitInput({ ...base, idempotencyKey: 'x' }, false)).toThrow();
  });
});
