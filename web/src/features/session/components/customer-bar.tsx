import { Dropdown, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { CheckIcon, ChevronDownIcon } from '../../../components/ui/icons';
import { useLogout } from '../api/logout';
import type { Session, SessionCustomer } from '../api/session-types';
import { useSwitchCustomer } from '../api/switch-customer';

interface CustomerBarProps {
  session: Session;
  /** Called once the server has ended the session (or it had already ended). */
  onLoggedOut: () => void;
}

/**
 * The grey bar: the current customer's name and customer number, and the arrow next to it opening
 * "Endre passord", "Logg ut" and, for users with several customers, the list to switch customer.
 */
export function CustomerBar({ session, onLoggedOut }: CustomerBarProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const switchCustomer = useSwitchCustomer();
  const logout = useLogout();
  const current = session.currentCustomer;
  const canSwitch = session.customers.length > 1;

  function chooseCustomer(customer: SessionCustomer) {
    setOpen(false);
    if (customer.id === current?.id) return;
    setAnnouncement('');
    switchCustomer.mutate(customer.id, {
      onSuccess: (next) => {
        if (next.currentCustomer)
          setAnnouncement(t('session.switched', { name: next.currentCustomer.name, customerNumber: next.currentCustomer.customerNumber }));
        // The menu item that had focus is gone: continue from the page's heading, as after navigation.
        window.setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }), 0);
      },
      onError: () => setAnnouncement(t('session.switchFailed')),
    });
  }

  function logOut() {
    setOpen(false);
    // Whatever the answer, the user wanted out: a failed call most often means the session had already ended.
    logout.mutate(undefined, { onSettled: onLoggedOut });
  }

  return (
    <div className="customer-bar">
      <div className="container customer-bar__inner">
        <p className="customer-bar__customer">
          {current ? (
            <>
              <strong className="customer-bar__name">{current.name}</strong>
              {' – '}
              <span className="customer-bar__number">{t('session.customerNumber', { customerNumber: current.customerNumber })}</span>
            </>
          ) : (
            <strong className="customer-bar__name">{session.user.name ?? session.user.email}</strong>
          )}
        </p>
        <Dropdown.TriggerContext>
          <Dropdown.Trigger
            variant="tertiary"
            icon
            data-size="sm"
            className="customer-bar__menu-button"
            aria-label={t('session.menuButton')}
            loading={switchCustomer.isPending || logout.isPending}
          >
            <ChevronDownIcon />
          </Dropdown.Trigger>
          <Dropdown
            placement="bottom-end"
            open={open}
            onOpen={() => setOpen(true)}
            onClose={() => setOpen(false)}
            className="customer-menu"
          >
            <Paragraph data-size="sm" className="customer-menu__user">
              {t('session.loggedInAs', { email: session.user.email })}
            </Paragraph>
            {canSwitch && (
              <>
                <Dropdown.Heading level={2} data-size="2xs">
                  {t('session.switchCustomer')}
                </Dropdown.Heading>
                <Dropdown.List>
                  {session.customers.map((customer) => {
                    const isCurrent = customer.id === current?.id;
                    return (
                      <Dropdown.Item key={customer.id}>
                        <Dropdown.Button aria-current={isCurrent ? 'true' : undefined} onClick={() => chooseCustomer(customer)}>
                          <span className="customer-menu__check">{isCurrent && <CheckIcon />}</span>
                          {t('session.customerOption', { name: customer.name, customerNumber: customer.customerNumber })}
                        </Dropdown.Button>
                      </Dropdown.Item>
                    );
                  })}
                </Dropdown.List>
              </>
            )}
            <Dropdown.List className="customer-menu__actions">
              <Dropdown.Item>
                <Dropdown.Button asChild>
                  <RouterLink to={paths.changePassword} onClick={() => setOpen(false)}>
                    {t('session.changePassword')}
                  </RouterLink>
                </Dropdown.Button>
              </Dropdown.Item>
              <Dropdown.Item>
                <Dropdown.Button onClick={logOut}>{t('session.logout')}</Dropdown.Button>
              </Dropdown.Item>
            </Dropdown.List>
          </Dropdown>
        </Dropdown.TriggerContext>
        <div className="ds-sr-only" role="status">
          {announcement}
        </div>
      </div>
    </div>
  );
}

/**
 * The grey bar before the session has arrived (the pre-rendered start page, issue 7): the same height, the customer's
 * line as a placeholder, and room where the menu button comes, so nothing moves when the real bar replaces it.
 */
export function CustomerBarPlaceholder() {
  return (
    <div className="customer-bar">
      <div className="container customer-bar__inner">
        {/* about as long as "Kari Nordmann – kundenummer 100033": one line on a wide screen, two on a phone, like the name */}
        <p className="customer-bar__customer">
          <Skeleton variant="text" width={64} />
        </p>
        {/* the menu button's box, unseen: the bar gets its height from it */}
        <span className="ds-button customer-bar__menu-button customer-bar__menu-placeholder" data-size="sm" data-icon="true" data-variant="tertiary" aria-hidden="true" />
      </div>
    </div>
  );
}
