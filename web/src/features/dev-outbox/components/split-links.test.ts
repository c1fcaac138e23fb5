import { describe, expect, it } from 'vitest';
import { splitLinks } from './split-links';

describe('splitLinks', () => {
  it('finds the confirmation link in an e-mail', () => {
    const text =
      'Bekreft e-postadressen din ved å åpne lenken under:\nhttp://127.0.0.1:3100/bekreft-epost?token=abc-DEF_123\n\nLenken virker i 24 timer.';
    expect(splitLinks(text)).toEqual([
      { kind: 'text', text: 'Bekreft e-postadressen din ved å åpne lenken under:\n' },
      { kind: 'link', href: 'http://127.0.0.1:3100/bekreft-epost?token=abc-DEF_123' },
      { kind: 'text', text: '\n\nLenken virker i 24 timer.' },
    ]);
  });

  it('leaves sentence punctuation after a link outside it', () => {
    expect(splitLinks('Registrer deg på https://minside.example.no/registrer.')).toEqual([
      { kind: 'text', text: 'Registrer deg på ' },
      { kind: 'link', href: 'https://minside.example.no/registrer' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('makes only http(s) addresses clickable', () => {
    expect(splitLinks('javascript:alert(1) <a href="x">')).toEqual([{ kind: 'text', text: 'javascript:alert(1) <a href="x">' }]);
  });

  it('keeps text without links as it is', () => {
    expect(splitLinks('Akershus Energi Varme AS: Kundenr 100062: PIN 123456')).toEqual([
      { kind: 'text', text: 'Akershus Energi Varme AS: Kundenr 100062: PIN 123456' },
    ]);
    expect(splitLinks('')).toEqual([]);
  });
});
