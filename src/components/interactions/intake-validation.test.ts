import { describe, expect, it } from 'vitest';
import { Channel, InteractionStatus } from '@/generated/prisma/enums';
import {
  ATTACHMENT_EXTENSIONS,
  INTAKE_TEXT_LIMITS,
  INTERACTION_CHANNELS,
  INTERACTION_STATUSES,
} from '@/graphql/interactions/intake.rules';
import { ATTACHMENT_TYPES } from '@/graphql/interactions/interaction.rules';
import { addPickedFiles, formatFileSize } from './intake-files';
import { intakeProblems } from './intake-validation';

const t = (key: string, values?: Record<string, string | number>) => `${key}${values ? JSON.stringify(values) : ''}`;
const labelOf = (field: string) => field;

describe('intakeProblems', () => {
  it('names every missing required field at once; a visitor also owes company, contact and phone', () => {
    expect(Object.keys(intakeProblems({}, { visitor: true, labelOf, t })).sort()).toEqual(
      ['companyName', 'contactName', 'contactPhone', 'description', 'subject'].sort(),
    );
    expect(intakeProblems({ description: 'x' }, { visitor: false, labelOf, t })).toEqual({
      subject: 'form.required{"label":"subject"}',
    });
  });

  it('checks lengths and the phone with the server limits', () => {
    const problems = intakeProblems(
      { subject: 'a'.repeat(INTAKE_TEXT_LIMITS.subject + 1), description: 'ok', contactPhone: 'call me' },
      { visitor: false, labelOf, t },
    );
    expect(problems).toEqual({
      subject: `form.tooLong{"max":${INTAKE_TEXT_LIMITS.subject}}`,
      contactPhone: 'form.phoneInvalid',
    });
    expect(
      intakeProblems(
        { subject: ' s ', description: 'd', contactPhone: '138-0013-8000' },
        { visitor: false, labelOf, t },
      ),
    ).toEqual({});
  });
});

describe('addPickedFiles', () => {
  const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);
  it('adds accepted files and refuses the wrong kind, the too large and the sixth', () => {
    expect(addPickedFiles([], [file('a.pdf'), file('b.TXT')])).toHaveLength(2);
    expect(addPickedFiles([], [file('a.exe')])).toEqual({ kind: 'fileType', name: 'a.exe' });
    expect(addPickedFiles([], [file('big.png', 10 * 1024 * 1024 + 1)])).toEqual({ kind: 'tooLarge', name: 'big.png' });
    const five = ['1', '2', '3', '4', '5'].map((n) => file(`${n}.txt`));
    expect(addPickedFiles(five, [file('6.txt')])).toEqual({ kind: 'tooMany' });
  });

  it('shows sizes in KB and MB', () => {
    expect(formatFileSize(200)).toBe('1 KB');
    expect(formatFileSize(20 * 1024)).toBe('20 KB');
    expect(formatFileSize(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
});

describe('intake.rules lists', () => {
  it('name every status and channel of the schema, and every attachment type the server checks', () => {
    expect([...INTERACTION_STATUSES].sort()).toEqual(Object.values(InteractionStatus).sort());
    expect([...INTERACTION_CHANNELS].sort()).toEqual(Object.values(Channel).sort());
    expect([...ATTACHMENT_EXTENSIONS].sort()).toEqual(Object.keys(ATTACHMENT_TYPES).sort());
  });
});
