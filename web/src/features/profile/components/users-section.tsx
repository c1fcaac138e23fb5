import { Alert, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useCustomerUsers } from '../api/relations-api';
import { AuditList } from './audit-list';
import { InvitationList, InviteForm } from './invitations';
import { MyCustomers } from './my-customers';
import { useRefreshSessionOnForbidden } from './use-refresh-session';
import { UserList } from './user-list';

/**
 * «Brukerkontoer og kunderelasjoner»: who has access to this customer (administrators also invite, withdraw
 * invitations, remove users and read who added whom), and the user's own customer relations.
 */
export function UsersSection({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const users = useCustomerUsers(customerId);
  useRefreshSessionOnForbidden(users.error);

  return (
    <div className="stack stack--large">
      {users.isPending && <Skeleton variant="rectangle" height="12rem" />}
      {users.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('minProfil.loadError')}</Paragraph>
        </Alert>
      )}
      {users.data && <UserList customerId={customerId} data={users.data} />}
      {users.data?.canManage && <InvitationList customerId={customerId} invitations={users.data.invitations} />}
      {users.data?.canManage && <InviteForm customerId={customerId} />}
      {users.data?.canManage && <AuditList customerId={customerId} />}
      <MyCustomers />
    </div>
  );
}
