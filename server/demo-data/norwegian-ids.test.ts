import { describe, expect, it } from 'vitest';
import {
  fictitiousBankAccount,
  fictitiousOrgNumber,
  isSyntheticFodselsnummer,
  isValidBankAccount,
  isValidFodselsnummer,
  isValidOrgNumber,
  mod11CheckDigit,
  syntheticFodselsnummer,
} from './norwegian-ids.js';
import { Rng } from './random.js';

describe('MOD11 identifiers', () => {
  it('accepts published examples and rejects a changed digit', () => {
    // Brønnøysundregistrene's own organisation number
    expect(isValidOrgNumber('974760673')).toBe(true);
    expect(isValidOrgNumber('974760674')).toBe(false);
    // the account number used as the example in Norwegian banking documentation
    expect(isValidBankAccount('86011117947')).toBe(true);
    expect(isValidBankAccount('86011117948')).toBe(false);
    expect(mod11CheckDigit('97476067', [3, 2, 7, 6, 5, 4, 3, 2])).toBe(3);
  });

  it('makes valid fictitious numbers', () => {
    const rng = new Rng('ids');
    for (let i = 0; i < 200; i++) {
      const org = fictitiousOrgNumber(rng);
      expect(isValidOrgNumber(org)).toBe(true);
      expect(org.startsWith('3')).toBe(true);
      expect(isValidBankAccount(fictitiousBankAccount(rng))).toBe(true);
    }
  });

  it('makes synthetic fødselsnumre that pass both check digits and encode sex and century', () => {
    const rng = new Rng('fnr');
    for (let i = 0; i < 200; i++) {
      const female = syntheticFodselsnummer(rng, '1978-04-09', 'female');
      expect(female).toMatch(/^0984\d{7}$/);
      expect(isValidFodselsnummer(female)).toBe(true);
      expect(isSyntheticFodselsnummer(female)).toBe(true);
      expect(Number(female[8]) % 2).toBe(0);
      expect(Number(female.slice(6, 9))).toBeLessThan(500);
      const male = syntheticFodselsnummer(rng, '2001-12-31', 'male');
      expect(Number(male[8]) % 2).toBe(1);
      expect(Number(male.slice(6, 9))).toBeGreaterThanOrEqual(500);
    }
    const valid = syntheticFodselsnummer(new Rng('x'), '1960-01-01', 'male');
    const broken = valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10);
    expect(isValidFodselsnummer(broken)).toBe(false);
  });
});
