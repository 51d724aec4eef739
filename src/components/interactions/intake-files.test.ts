import { afterEach, describe, expect, it } from 'vitest';
import zhErrors from '../../../messages/zh-CN/errors.json';
import { registerErrorTranslator, type ErrorTranslator } from '@/lib/error-text-core';
import { UploadError, uploadErrorMessage } from './intake-files';

// A refused upload (HTTP 400 from POST /api/uploads) reaches the form as a message key with params, like a GraphQL
// error, and is shown in the viewer's language — not as the body's English `message`.

const textOf = (bundle: unknown, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], bundle);

/** The zh-CN `errors` bundle with plain `{param}` filling, standing in for next-intl's translator. */
const zh: ErrorTranslator = {
  has: (key) => typeof textOf(zhErrors, key) === 'string',
  text: (key, params = {}) =>
    String(textOf(zhErrors, key)).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    ),
};

const t = (key: string, values?: Record<string, string | number>) => `${key}${values ? JSON.stringify(values) : ''}`;

const rejected = (refusal: ConstructorParameters<typeof UploadError>[2]) =>
  new UploadError('rejected', 'setup.exe', refusal);

const typeRefusal = {
  code: 'BAD_USER_INPUT',
  key: 'interaction.fileTypeNotAllowed',
  params: { fileName: 'setup.exe', allowed: 'pdf/png' },
  message: 'Unsupported file type: setup.exe (only pdf/png)',
};

afterEach(() => registerErrorTranslator(null));

describe('uploadErrorMessage for a refusal by the server’s rules', () => {
  it('translates the key with its params in the viewer’s language', () => {
    registerErrorTranslator(zh);
    expect(uploadErrorMessage(rejected(typeRefusal), t)).toBe('不支持的文件类型：setup.exe（仅限 pdf/png）');
    expect(
      uploadErrorMessage(
        rejected({ code: 'BAD_USER_INPUT', key: 'interaction.fileContentMismatch', params: { fileName: 'a.pdf' } }),
        t,
      ),
    ).toBe('文件内容与扩展名不符：a.pdf');
  });

  it('is English before the layout registers a translator (the English bundle, as the server words it)', () => {
    expect(uploadErrorMessage(rejected(typeRefusal), t)).toBe('Unsupported file type: setup.exe (only pdf/png)');
  });

  it('falls back to the code’s generic text for an unknown key, and to the message without key or known code', () => {
    registerErrorTranslator(zh);
    expect(uploadErrorMessage(rejected({ code: 'BAD_USER_INPUT', key: 'nope.unknown', message: 'Nope' }), t)).toBe(
      '输入有误，请检查标出的字段',
    );
    expect(uploadErrorMessage(rejected({ code: 'SOMETHING_NEW', message: 'Something new' }), t)).toBe('Something new');
  });

  it('words the other failures from the form’s own messages', () => {
    expect(uploadErrorMessage(new UploadError('rateLimited', 'a.txt', {}, 30), t)).toBe(
      'form.uploadRateLimited{"seconds":30}',
    );
    expect(uploadErrorMessage(new UploadError('network', 'a.txt'), t)).toBe('form.uploadNetwork{"name":"a.txt"}');
  });
});
