import { describe, expect, it } from 'vitest';
import en from './en.json';
import nb from './nb.json';

type Tree = { [key: string]: string | Tree };

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
