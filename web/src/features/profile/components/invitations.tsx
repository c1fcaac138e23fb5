import { Button, Card, Fieldset, Heading, Paragraph, Radio, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useInviteUser, useWithdrawInvitation } from '../api/relations-api';
import type { Invitation, Role } from '../api/profile-types';
import { checkEmail } from '../lib/contact';
import { personName } from '../lib/people';
import { isInputError, requestError } from '../lib/request-errors';
import { useFieldForm } from './use-field-form';

type Notice = { key: number; color: 'success' | 'danger' | 'info'; text: string };

/** The open invitations (administrators): to whom, which role, by whom, until when; each can be withdrawn. */
export function InvitationList({ customerId, invitations }: { customerId: number; invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const withdraw = useWithdrawInvitation(customerId);
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = (color: Notice['color'], text: string) => setNotice((current) => ({ key: (current?.key ?? 0) + 1, color, text }));

  return (
    <section className="stack" aria-labelledby="brukere-invitasjoner">
      <Heading level={2} data-size="sm" id="brukere-invitasjoner">
        {t('brukere.invitations.heading')}
      </Heading>
      {notice && (
        <FocusedAlert key={notice.key} data-color={notice.color} className="narrow">
          <Paragraph>{notice.text}</Paragraph>
        </FocusedAlert>
      )}
      {invitations.length === 0 ? (
        <Paragraph>{t('brukere.invitations.none')}</Paragraph>
      ) : (
        <ul className="person-list">
          {invitations.map((invitation) => (
            <li key={invitation.id}>
              <Card className="card-stack person">
                <div className="person__top">
                  <Heading level={3} data-size="2xs" className="person__name person__email">
                    {invitation.email}
                  </Heading>
                  <Tag data-color="neutral" data-size="sm">
                    {t(`brukere.roles.${invitation.role}`)}
                  </Tag>
                  {invitation.expired && (
                    <Tag data-color="warning" data-size="sm">
                      {t('brukere.invitations.expired')}
                    </Tag>
                  )}
                </div>
                <dl className="facts">
                  <div className="facts__row">
                    <dt>{t('brukere.invitations.invitedAt')}</dt>
                    <dd>
                      {formatDateTime(invitation.createdAt, language)}
                      {invitation.invitedBy && <span className="facts__detail"> {t('brukere.invitations.by', { name: personName(invitation.invitedBy) })}</span>}
                    </dd>
                  </div>
                  <div className="facts__row">
                    <dt>{t(invitation.expired ? 'brukere.invitations.expiredAt' : 'brukere.invitations.expiresAt')}</dt>
                    <dd>{formatDateTime(invitation.expiresAt, language)}</dd>
                  </div>
                </dl>
                <div>
                  <Button
                    variant="secondary"
                    data-size="sm"
                    loading={withdraw.isPending && withdraw.variables === invitation.id}
                    aria-disabled={withdraw.isPending || undefined}
                    onClick={() =>
                      withdraw.mutate(invitation.id, {
                        onSuccess: () => say('info', t('brukere.invitations.withdrawn', { email: invitation.email })),
                        onError: (error) => say('danger', requestError(error, t, i18n.resolvedLanguage)),
                      })
                    }
                  >
                    {t('brukere.invitations.withdraw')}
                    <span className="ds-sr-only"> {t('brukere.invitations.withdrawFor', { email: invitation.email })}</span>
                  </Button>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** «Inviter en ny bruker» (administrators): an e-mail address and a role; the link goes to that address only. */
export function InviteForm({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const invite = useInviteUser(customerId);
  const [role, setRole] = useState<Role>('user');
  const [notice, setNotice] = useState<Notice | null>(null);
  const form = useFieldForm('brukere-invite', { email: '' }, (values) => {
    const error = checkEmail(values.email);
    return error ? { email: `minProfil.contactErrors.${error}` } : {};
  });
  const say = (color: Notice['color'], text: string) => setNotice((current) => ({ key: (current?.key ?? 0) + 1, color, text }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invite.isPending || !form.submit()) return;
    invite.mutate(
      { email: form.values.email.trim(), role },
      {
        onSuccess: (invitation) => {
          form.reset();
          setRole('user');
          say(
            'success',
            t('brukere.invite.sent', { email: invitation.email, date: formatDateTime(invitation.expiresAt, currentLanguage()) }),
          );
        },
        onError: (error) => {
          if (isInputError(error)) form.setServerError('email', requestError(error, t, i18n.resolvedLanguage, t('brukere.invite.refused')));
          else say('danger', requestError(error, t, i18n.resolvedLanguage));
        },
      },
    );
  }

  return (
    <section className="stack" aria-labelledby="brukere-inviter">
      <Heading level={2} data-size="sm" id="brukere-inviter">
        {t('brukere.invite.heading')}
      </Heading>
      <form className="panel narrow invite-form" noValidate onSubmit={onSubmit} aria-busy={invite.isPending || undefined} aria-labelledby="brukere-inviter">
        <Paragraph>{t('brukere.invite.intro')}</Paragraph>
        {notice && (
          <FocusedAlert key={notice.key} data-color={notice.color}>
            <Paragraph>{notice.text}</Paragraph>
          </FocusedAlert>
        )}
        <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
        <Textfield
          label={t('brukere.invite.email')}
          {...form.textfield('email')}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
        <Fieldset>
          <Fieldset.Legend>{t('brukere.invite.role')}</Fieldset.Legend>
          {(['user', 'admin'] as const).map((value) => (
            <Radio
              key={value}
              name="invite-role"
              value={value}
              label={t(`brukere.roles.${value}`)}
              description={t(`brukere.roleDescriptions.${value}`)}
              checked={role === value}
              onChange={() => setRole(value)}
            />
          ))}
        </Fieldset>
        <Button type="submit" loading={invite.isPending} aria-disabled={invite.isPending || undefined}>
          {t('brukere.invite.submit')}
        </Button>
      </form>
    </section>
  );
}
