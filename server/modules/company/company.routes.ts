import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../lib/errors.js';
import { DateString, errorResponses } from '../../lib/schemas.js';
import { findCompany } from './company.repository.js';

const CompanySchema = Type.Object(
  {
    name: Type.String(),
    orgNumber: Type.String(),
    street: Type.String(),
    postalCode: Type.String(),
    city: Type.String(),
    phone: Type.String({ description: 'Kundeservice, telefon' }),
    email: Type.String({ description: 'Kundeservice, e-post' }),
    website: Type.Union([Type.String(), Type.Null()]),
    brandColor: Type.String(),
    systemStartDate: DateString,
  },
  { $id: 'Company', title: 'Company' },
);

export async function companyRoutes(app: FastifyInstance) {
  app.addSchema(CompanySchema);
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/company',
    {
      schema: {
        tags: ['Selskap'],
        summary: 'Selskapet som driver portalen: navn og kontaktinformasjon til kundeservice',
        response: { 200: Type.Ref('Company'), ...errorResponses(404) },
      },
    },
    async () => {
      const company = await findCompany(app.db);
      if (!company) throw new AppError('not_found', 'Selskapet er ikke satt opp ennå.');
      return company;
    },
  );
}
