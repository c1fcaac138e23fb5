import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/profile-types';
import { describeAuditEntry } from './audit';
import { personName, sameEmail } from './people';

const entry = (partial: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  occurredAt: '2026-11-27T13:05:00.000Z',
  action: 'relations.invitation_created',
  actor: { userId: 3, email: 'per.solheim@example.no', name: 'Per Solheim' },
  subject: null,
  details: {},
  ...partial,
});

describe('describeAuditEntry', () => {
  it('names who invited whom, and as what', () => {
    const sentence = describeAuditEntry(entry({ subject: { userId: null, email: 'ny@example.no' }, details: { role: 'user', invitationId: 4 } }), 'En bruker');
    expect(sentence).toMatchObject({ key: 'invitationCreated', actor: 'Per Solheim', subject: 'ny@example.no', role: 'user' });
  });

  it('tells an invitation accepted by a new account from one accepted by an existing account', () => {
    const accepted = entry({ action: 'relations.invitation_accepted', actor: { userId: 9, email: 'ny@example.no', name: null }, subject: { userId: null, email: 'ny@example.no' }, details: { role: 'user', newAccount: true } });
    expect(describeAuditEntry(accepted, 'En bruker').key).toBe('invitationAcceptedNew');
    expect(describeAuditEntry({ ...accepted, details: { role: 'user', newAccount: false } }, 'En bruker').key).toBe('invitationAccepted');
  });

  it('reads a role change both ways', () => {
    const sentence = describeAuditEntry(entry({ action: 'relations.role_changed', subject: { userId: 5, email: 'kari@example.no' }, details: { role: 'admin', previousRole: 'user' } }), 'En bruker');
    expect(sentence).toMatchObject({ key: 'roleChanged', role: 'admin', previousRole: 'user' });
  });

  it('uses the actor as subject for what people do themselves, and a stand-in for an unknown actor', () => {
    expect(describeAuditEntry(entry({ action: 'auth.registered', subject: null }), 'En bruker')).toMatchObject({ key: 'registered', subject: 'Per Solheim' });
    expect(describeAuditEntry(entry({ action: 'relations.user_removed', actor: null, subject: { userId: 5, email: 'b@example.no' } }), 'En bruker')).toMatchObject({
      key: 'userRemoved',
      actor: 'En bruker',
    });
  });

  it('keeps an action it does not know, by its code', () => {
    expect(describeAuditEntry(entry({ action: 'relations.something_new' }), 'En bruker')).toMatchObject({ key: 'unknown', action: 'relations.something_new' });
  });
});

describe('people', () => {
  it('names a person by name, else by e-mail', () => {
    expect(personName({ name: 'Per Solheim', email: 'per@example.no' })).toBe('Per Solheim');
    expect(personName({ name: '  ', email: 'per@example.no' })).toBe('per@example.no');
  });

  it('compares e-mail addresses without regard to case', () => {
    expect(sameEmail('Per.Solheim@Example.no ', 'per.solheim@example.no')).toBe(true);
    expect(sameEmail('per@example.no', 'pal@example.no')).toBe(false);
  });
});
