import { Type } from '@sinclair/typebox';

const Locale = Type.Optional(Type.Union([Type.Literal('nb'), Type.Literal('en')], { description: 'Language of the e-mail/SMS; default from Accept-Language' }));
// Conservative on purpose: no characters that could make the address nodemailer delivers to differ from the one stored.
const EMAIL_PART = '[^\\s@<>(),;:"\\[\\]\\\\]+';
const Email = Type.String({ minLength: 3, maxLength: 254, pattern: `^${EMAIL_PART}@${EMAIL_PART}\\.${EMAIL_PART}$`, description: 'E-postadresse' });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Token = Type.String({ minLength: 1, maxLength: 200 });

export const RegisterBody = Type.Object(
  {
    customerNumber: Type.String({ pattern: '^\\s*[0-9]{5,10}\\s*$', description: 'Kundenummer' }),
    pin: Type.String({ pattern: '^\\s*[0-9]{4,8}\\s*$', description: 'PIN fra brevet' }),
    email: Email,
    password: Password,
    passwordConfirm: Password,
    locale: Locale,
  },
  { additionalProperties: false },
);

export const TokenBody = Type.Object({ token: Token }, { additionalProperties: false });

export const EmailBody = Type.Object({ email: Email, locale: Locale }, { additionalProperties: false });

export const ResetPasswordBody = Type.Object(
  { token: Token, password: Password, passwordConfirm: Password, locale: Locale },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password, newPasswordConfirm: Password, locale: Locale },
  { additionalProperties: false },
);

export const CustomerCredentialsBody = Type.Object(
  {
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')], { description: '«Send meg informasjonen på e-post» eller «på SMS»' }),
    email: Type.Optional(Type.Union([Email, Type.Literal('')])),
    mobile: Type.Optional(Type.String({ maxLength: 30, description: 'Mobilnummer, med eller uten +47' })),
    customerNumber: Type.Optional(Type.String({ pattern: '^\\s*([0-9]{5,10})?\\s*$', description: 'Kundenummer (valgfritt)' })),
    locale: Locale,
  },
  { additionalProperties: false },
);

export const Accepted = Type.Object(
  { status: Type.Literal('accepted'), message: Type.String() },
  { $id: 'Accepted', title: 'Accepted' },
);

export const Done = Type.Object({ status: Type.Literal('ok'), message: Type.String() }, { $id: 'Done', title: 'Done' });
