import { Type } from '@sinclair/typebox';

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254, description: 'Brukernavn (e-post)' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    rememberMe: Type.Boolean({ default: false, description: '«Husk meg»: a long-lived session' }),
  },
  { additionalProperties: false },
);

const CustomerAccess = Type.Object({
  id: Type.Integer(),
  customerNumber: Type.String(),
  name: Type.String(),
  type: Type.Union([Type.Literal('private'), Type.Literal('business'), Type.Literal('housing_cooperative')]),
  role: Type.Union([Type.Literal('admin'), Type.Literal('user')]),
});

export const SessionSchema = Type.Object(
  {
    user: Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    customers: Type.Array(CustomerAccess),
    currentCustomer: Type.Union([CustomerAccess, Type.Null()]),
  },
  { $id: 'Session', title: 'Session' },
);

export const SwitchCustomerBody = Type.Object(
  { customerId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
