import { describe, expect, it } from 'vitest';
import { withYear, yearFromParams, yearsBetween } from './year-param';

describe('the year in the address', () => {
  it('reads ?ar=2025 and ignores anything that is not a year', () => {
    expect(yearFromParams(new URLSearchParams('ar=2025'))).toBe(2025);
    expect(yearFromParams(new URLSearchParams(''))).toBeNull();
    expect(yearFromParams(new URLSearchParams('ar=20x5'))).toBeNull();
    expect(yearFromParams(new URLSearchParams('ar=1999'))).toBeNull();
  });

  it('sets and removes the year, keeping other parameters', () => {
    expect(withYear(new URLSearchParams('visning=tabell'), 2024).toString()).toBe('visning=tabell&ar=2024');
    expect(withYear(new URLSearchParams('ar=2024&visning=tabell'), null).toString()).toBe('visning=tabell');
  });

  it('lists years newest first', () => {
    expect(yearsBetween(2017, 2019)).toEqual([2019, 2018, 2017]);
    expect(yearsBetween(2026, 2026)).toEqual([2026]);
  });
});
