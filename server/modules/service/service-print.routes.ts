import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IsoDate, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import { CodeSlipInput } from '../../../contract/schemas/service.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { slipData } from './access-codes.service.js';
import { printApplication, printConsent, printRegister } from './print.service.js';
import { codeSlipPdf } from './service.pdf.js';

const base = '/api/schools/:schoolId/service';
const auth = { access: 'authenticated' } as const;
const pdfResponse = { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }) };

/** Printed forms as PDF (R10.1); the same data the print pages show. */
export function servicePrintRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      `${base}/applications/:id/form.pdf`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The application (Приложение 1), pre-filled, as PDF',
          params: SchoolItemParams,
          response: pdfResponse,
        },
      },
      async (request, reply) => {
        const pdf = await printApplication(deps, actorOf(request), request.params.schoolId, request.params.id);
        return sendPdf(reply, pdf, 'application.pdf');
      },
    );

    app.get(
      `${base}/consents/:id/form.pdf`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The consent (Приложение 2), pre-filled, as PDF',
          params: SchoolItemParams,
          response: pdfResponse,
        },
      },
      async (request, reply) => {
        const pdf = await printConsent(deps, actorOf(request), request.params.schoolId, request.params.id);
        return sendPdf(reply, pdf, 'consent.pdf');
      },
    );

    app.get(
      `${base}/register.pdf`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The register of applications for a period, as PDF',
          params: SchoolParams,
          querystring: Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }, { additionalProperties: false }),
          response: pdfResponse,
        },
      },
      async (request, reply) => {
        const pdf = await printRegister(deps, actorOf(request), request.params.schoolId, request.query);
        return sendPdf(reply, pdf, 'register.pdf');
      },
    );

    app.post(
      `${base}/codes/slip.pdf`,
      {
        config: auth,
        schema: {
          tags: ['service'],
          summary: 'The code slip with a signature line; the issuer types the code again (only its hash is stored)',
          params: SchoolParams,
          body: CodeSlipInput,
          response: pdfResponse,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const slip = await slipData(deps, actor, request.params.schoolId, request.body.codeId, request.body.code);
        return sendPdf(reply, await codeSlipPdf(request.locale, slip), 'code-slip.pdf');
      },
    );
  };
}

function sendPdf(reply: import('fastify').FastifyReply, pdf: Buffer, filename: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}
