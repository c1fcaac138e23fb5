import { describe, expect, it } from 'vitest';
import { loginPathWithReturnTo, paths, safeReturnTo } from './paths';

describe('safeReturnTo', () => {
  it('follows paths inside the portal', () => {
    expect(safeReturnTo('/maler/forbruk?maler=3')).toBe('/maler/forbruk?maler=3');
  });

  it('refuses anything that could leave the site', () => {
    for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null]) {
      expect(safeReturnTo(value)).toBe(paths.home);
    }
  });

  it('never returns to the log-in page itself', () => {
    expect(safeReturnTo('/logg-inn?neste=/faktura')).toBe(paths.home);
  });
});

describe('loginPathWithReturnTo', () => {
  it('carries the wanted page in the address', () => {
    expect(loginPathWithReturnTo('/faktura/oversikt')).toBe('/logg-inn?neste=%2Ffaktura%2Foversikt');
  });

  it('leaves the front page out', () => {
    expect(loginPathWithReturnTo('/')).toBe('/logg-inn');
  });
});
