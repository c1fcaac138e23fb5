import { describe, expect, it } from 'vitest';
import enMain from './en.json';
import enProfile from './en.profile.json';
import nbMain from './nb.json';
import nbProfile from './nb.profile.json';

type Tree = { [key: string]: string | Tree };

const nb: Tree = { ...nbMain, ...nbProfile };
const en: Tree = { ...enMain, ...enProfile };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

function lookup(tree: Tree, path: string): string {
  return path.split('.').reduce<string | Tree>((node, key) => (node as Tree)[key]!, tree) as string;
}

describe('translations', () => {
  it('keep the Min profil texts apart from the others (no top-level key in both files)', () => {
    expect(Object.keys(nbProfile).filter((key) => key in nbMain)).toEqual([]);
    expect(Object.keys(enProfile).filter((key) => key in enMain)).toEqual([]);
  });

  it('have the same keys in Norwegian and English', () => {
    expect(keys(en).sort()).toEqual(keys(nb).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of keys(nb)) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(nb, key)));
    }
  });

  it('have no empty texts', () => {
    for (const key of keys(nb)) {
      expect(lookup(nb, key).trim(), key).not.toBe('');
      expect(lookup(en, key).trim(), key).not.toBe('');
    }
  });
});
