import { describe, expect, it } from 'vitest';
import { serverMessage } from './server-message';

describe('serverMessage', () => {
  it("shows the server's Norwegian message in the Norwegian interface", () => {
    expect(serverMessage('nb', 'Nåværende passord er feil.', 'The current password is wrong.')).toBe('Nåværende passord er feil.');
  });

  it('shows the translation in English', () => {
    expect(serverMessage('en', 'Nåværende passord er feil.', 'The current password is wrong.')).toBe('The current password is wrong.');
  });

  it('falls back to the translation when the server sent no message', () => {
    expect(serverMessage('nb', undefined, 'Noe gikk galt.')).toBe('Noe gikk galt.');
    expect(serverMessage('nb', '', 'Noe gikk galt.')).toBe('Noe gikk galt.');
  });
});
