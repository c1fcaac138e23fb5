import { Type, type TSchema } from '@sinclair/typebox';
import { DateTimeString, Nullable } from '../../lib/schemas.js';
import { SessionSchema } from '../auth/auth.schemas.js';

/** Request and response schemas of «Brukerkontoer og kunderelasjoner» (validation, serialisation and OpenAPI in one). */

const Role = Type.Union([Type.Literal('admin'), Type.Literal('user')], { description: 'admin: sees and manages users; user: sees' });
const Locale = Type.Optional(Type.Union([Type.Literal('nb'), Type.Literal('en')], { description: 'Language of the e-mail; default from Accept-Language' }));
// As in registration (auth/account.schemas.ts): no characters that could make the delivered address differ from the stored one.
const EMAIL_PART = '[^\\s@<>(),;:"\\[\\]\\\\]+';
const Email = Type.String({ minLength: 3, maxLength: 254, pattern: `^\\s*${EMAIL_PART}@${EMAIL_PART}\\.${EMAIL_PART}\\s*$`, description: 'E-postadresse' });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Token = Type.String({ minLength: 1, maxLength: 200, description: 'The token from the invitation link (/invitasjon?token=…)' });
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });

/** A value or null, with a description. */
const Maybe = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

const Person = Type.Object({ userId: Type.Integer(), email: Type.String(), name: Nullable(Type.String()) });

export const UserIdParams = Type.Object({ userId: Id }, { additionalProperties: false });
export const InvitationIdParams = Type.Object({ invitationId: Id }, { additionalProperties: false });
export const CustomerIdParams = Type.Object({ customerId: Id }, { additionalProperties: false });

export const CustomerUser = Type.Object({
  userId: Type.Integer(),
  email: Type.String(),
  name: Nullable(Type.String()),
  role: Role,
  since: Type.String({ format: 'date-time', description: 'When the user got access to the customer' }),
  addedBy: Maybe(Person, 'Who gave access (invitation); null when the user registered with customer number + PIN'),
  lastLoginAt: Nullable(DateTimeString),
  isCurrentUser: Type.Boolean(),
});

export const Invitation = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  role: Role,
  invitedBy: Nullable(Person),
  createdAt: DateTimeString,
  expiresAt: DateTimeString,
  expired: Type.Boolean({ description: 'Open but past its expiry (shown for 30 days, so it can be sent again)' }),
});

export const CustomerUsers = Type.Object({
  currentUserId: Type.Integer(),
  canManage: Type.Boolean({ description: 'Whether the current user is an administrator of the customer' }),
  users: Type.Array(CustomerUser),
  invitations: Type.Array(Invitation, { description: 'Open invitations; always empty for an ordinary user' }),
});

export const InviteBody = Type.Object({ email: Email, role: Role, locale: Locale }, { additionalProperties: false });

export const RoleBody = Type.Object({ role: Role }, { additionalProperties: false });

export const AuditQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: 'nextBefore of the previous page' })),
    category: Type.Union([Type.Literal('relations'), Type.Literal('all')], {
      default: 'all',
      description: 'relations: who added, invited, changed and removed whom; all: also other events of the customer (not log-ins)',
    }),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      occurredAt: DateTimeString,
      action: Type.String({ description: 'e.g. relations.invitation_created, relations.invitation_accepted, relations.user_removed, relations.user_left, relations.role_changed, relations.customer_linked, auth.registered' }),
      actor: Maybe(Person, 'Who did it; null when unknown or the account is deleted'),
      subject: Maybe(Type.Object({ userId: Nullable(Type.Integer()), email: Type.String() }), 'Whom it was about (invited, removed or changed user)'),
      details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
        description: 'role, previousRole, invitationId, newAccount, withdrawnInvitations, replacedInvitations, via',
      }),
    }),
  ),
  nextBefore: Nullable(Type.Integer({ description: 'Pass as ?before= for the next (older) page; null on the last page' })),
});

export const TokenQuery = Type.Object({ token: Token }, { additionalProperties: false });
export const TokenBody = Type.Object({ token: Token }, { additionalProperties: false });

export const InvitationPreview = Type.Object({
  email: Type.String({ description: 'The invited address; only an account with it can accept' }),
  role: Role,
  customer: Type.Object({ name: Type.String(), customerNumber: Type.String() }),
  invitedBy: Nullable(Type.Object({ name: Nullable(Type.String()), email: Type.String() })),
  expiresAt: DateTimeString,
  accountExists: Type.Boolean({ description: 'true: log in to accept; false: register with a password' }),
});

export const InvitationRegisterBody = Type.Object(
  {
    token: Token,
    password: Password,
    passwordConfirm: Password,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    rememberMe: Type.Optional(Type.Boolean({ description: '«Husk meg» for the session that starts' })),
  },
  { additionalProperties: false },
);

/** The same shape as GET /api/session (auth.schemas.ts), without its $id, which is registered in the auth routes' scope. */
export const SessionAnswer = Type.Object(SessionSchema.properties, { title: 'Session' });

const MyCustomer = Type.Object({
  id: Type.Integer(),
  customerNumber: Type.String(),
  name: Type.String(),
  type: Type.Union([Type.Literal('private'), Type.Literal('business'), Type.Literal('housing_cooperative')]),
  role: Role,
  since: DateTimeString,
  isCurrent: Type.Boolean({ description: 'The session’s chosen customer' }),
  canLeave: Type.Boolean({ description: 'false for the last administrator' }),
});

export const MyCustomers = Type.Object({ customers: Type.Array(MyCustomer) });
export const MyCustomerAnswer = MyCustomer;

export const AddCustomerBody = Type.Object(
  {
    customerNumber: Type.String({ pattern: '^\\s*[0-9]{5,10}\\s*$', description: 'Kundenummer' }),
    pin: Type.String({ pattern: '^\\s*[0-9]{4,8}\\s*$', description: 'PIN fra brevet' }),
    locale: Locale,
  },
  { additionalProperties: false },
);
