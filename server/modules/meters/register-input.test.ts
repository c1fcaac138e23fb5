import { describe, expect, it } from 'vitest';
import { normaliseRegister } from './reading-submission.service.js';

describe('normaliseRegister (a register as people type it)', () => {
  it('takes a decimal comma or point and spaces between thousands', () => {
    expect(normaliseRegister('45123,4')).toBe('45123.400');
    expect(normaliseRegister('45123.456')).toBe('45123.456');
    expect(normaliseRegister(' 45 123,4 ')).toBe('45123.400');
    expect(normaliseRegister('1\u00a0234\u202f567')).toBe('1234567.000');
  });

  it('refuses what is not a register', () => {
    for (const bad of ['12 34', '45123,4567', '-5', 'mye', '1,2,3', '', '4 5123']) {
      expect(() => normaliseRegister(bad), bad).toThrow(/Målerstanden/);
    }
  });
});
