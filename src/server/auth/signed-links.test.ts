import { describe, expect, it } from 'vitest';
import { linkId, signLink, verifyLink } from './signed-links';

const ID = '0f8b8f3e-3c1e-4e57-9a57-2b1d0c6f9a11';
const AT = '2026-12-01T08:00:00.000Z';

describe('signed links', () => {
  it('verifies only for the purpose, id, state and secret it was signed with', () => {
    const token = signLink('resolution', ID, AT, 's1');
    expect(linkId(token)).toBe(ID);
    expect(verifyLink(token, 'resolution', ID, AT, 's1')).toBe(true);
    expect(verifyLink(token, 'resolution', ID, '2026-12-02T08:00:00.000Z', 's1')).toBe(false);
    expect(verifyLink(token, 'survey', ID, AT, 's1')).toBe(false);
    expect(verifyLink(token, 'resolution', ID, AT, 's2')).toBe(false);
    expect(verifyLink(`${token}x`, 'resolution', ID, AT, 's1')).toBe(false);
  });
  it('reads no id from a malformed token', () => {
    expect(linkId('abc')).toBeNull();
    expect(linkId(`${ID}short`)).toBeNull();
    expect(linkId(`${ID}${'a'.repeat(43)}`)).toBe(ID);
    expect(linkId(`${ID}.${'a'.repeat(42)}`)).toBeNull();
  });
});
