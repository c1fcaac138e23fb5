import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useRemoveUser } from '../api/relations-api';
import type { CustomerUser, CustomerUsers } from '../api/profile-types';
import { requestError } from '../lib/request-errors';
import { personName } from '../lib/people';

type Notice = { key: number; color: 'success' | 'danger'; text: string };

/**
 * The users with access to the customer: e-mail, name, role, since when (and who gave it), last log-in. An
 * administrator can remove another user's access, after saying yes to a question that names the user.
 */
export function UserList({ customerId, data }: { customerId: number; data: CustomerUsers }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const remove = useRemoveUser(customerId);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const say = (color: Notice['color'], text: string) => setNotice((current) => ({ key: (current?.key ?? 0) + 1, color, text }));

  function removeUser(user: CustomerUser) {
    remove.mutate(user.userId, {
      onSuccess: () => {
        setConfirming(null);
        say('success', t('brukere.users.removed', { email: user.email }));
      },
      onError: (error) => {
        setConfirming(null);
        say('danger', requestError(error, t, i18n.resolvedLanguage));
      },
    });
  }

  return (
    <section className="stack" aria-labelledby="brukere-liste">
      <Heading level={2} data-size="sm" id="brukere-liste">
        {t('brukere.users.heading')}
      </Heading>
      <Paragraph className="lead">{t(data.canManage ? 'brukere.users.introAdmin' : 'brukere.users.introUser')}</Paragraph>
      {notice && (
        <FocusedAlert key={notice.key} data-color={notice.color} className="narrow">
          <Paragraph>{notice.text}</Paragraph>
        </FocusedAlert>
      )}
      <ul className="person-list">
        {data.users.map((user) => (
          <li key={user.userId}>
            <Card className="card-stack person" data-color={user.isCurrentUser ? 'accent' : undefined}>
              <div className="person__top">
                <Heading level={3} data-size="2xs" className="person__name">
                  {personName(user)}
                </Heading>
                <Tag data-color={user.role === 'admin' ? 'info' : 'neutral'} data-size="sm">
                  {t(`brukere.roles.${user.role}`)}
                </Tag>
                {user.isCurrentUser && (
                  <Tag data-color="success" data-size="sm">
                    {t('brukere.users.you')}
                  </Tag>
                )}
              </div>
              <dl className="facts">
                {user.name?.trim() && (
                  <div className="facts__row">
                    <dt>{t('brukere.users.email')}</dt>
                    <dd className="person__email">{user.email}</dd>
                  </div>
                )}
                <div className="facts__row">
                  <dt>{t('brukere.users.since')}</dt>
                  <dd>
                    {formatDateTime(user.since, language)}
                    {user.addedBy && <span className="facts__detail"> {t('brukere.users.addedBy', { name: personName(user.addedBy) })}</span>}
                    {!user.addedBy && <span className="facts__detail"> {t('brukere.users.registeredWithPin')}</span>}
                  </dd>
                </div>
                <div className="facts__row">
                  <dt>{t('brukere.users.lastLogin')}</dt>
                  <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('brukere.users.neverLoggedIn')}</dd>
                </div>
              </dl>
              {data.canManage && !user.isCurrentUser && confirming !== user.userId && (
                <div>
                  <Button variant="secondary" data-color="danger" data-size="sm" onClick={() => setConfirming(user.userId)}>
                    {t('brukere.users.remove')}
                    <span className="ds-sr-only"> {t('brukere.users.removeFor', { email: user.email })}</span>
                  </Button>
                </div>
              )}
              {data.canManage && confirming === user.userId && (
                <FocusedAlert data-color="warning" data-size="sm">
                  <Heading level={4} data-size="2xs">
                    {t('brukere.users.confirmHeading')}
                  </Heading>
                  <Paragraph data-size="sm">{t('brukere.users.confirmText', { name: personName(user), email: user.email })}</Paragraph>
                  <div className="button-row">
                    <Button
                      data-color="danger"
                      data-size="sm"
                      onClick={() => removeUser(user)}
                      loading={remove.isPending}
                      aria-disabled={remove.isPending || undefined}
                    >
                      {t('brukere.users.confirmRemove')}
                    </Button>
                    <Button variant="tertiary" data-size="sm" onClick={() => setConfirming(null)}>
                      {t('minProfil.cancel')}
                    </Button>
                  </div>
                </FocusedAlert>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
