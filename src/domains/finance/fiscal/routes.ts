/** Fiscal documents' HTTP face. */
import type { FastifyInstance } from 'fastify';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
import { FISCAL_ERROR_CODES } from './errors.js';
import { fiscalDocumentView, issueFiscalDocument, issueFiscalDocumentInput } from './service.js';

export const FISCAL_PATHS = { documents: '/api/v1/finance/fiscal/documents' } as const;

export function fiscalRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'POST',
      url: FISCAL_PATHS.documents,
      summary: 'Issue a fiscal document (NF-e / NFC-e)',
      description:
        'Builds the 44-digit access key (mod-11 check digit), or checks the one given. For an invoice: only when ' +
        'paid, for its total; issuing again returns the document already issued.',
      tags: ['finance'],
      errors: FISCAL_ERROR_CODES,
      body: issueFiscalDocumentInput,
      response: { status: 201, description: 'The document with its access key', schema: fiscalDocumentView },
    },
    ({ body, request }) => requestWork(request, (work) => issueFiscalDocument(work, body)),
  );
}
