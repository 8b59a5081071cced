import type {
  ApplicationCreate,
  ApplicationDetail,
  ApplicationSummary,
  CodeRecord,
  ConsentCreate,
  ConsentSchema,
  DeadlineItem,
  DecisionInput,
  IssuedCode,
  OperatorCopyInput,
  OrderInput,
  RedeemInput,
  RedeemResult,
} from '@contract/schemas/service';
import type { Static } from '@sinclair/typebox';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, NETWORK_ERROR } from '../../../lib/api';
import { type Query, resourcePath, useResource, useResourceMutation } from '../../../lib/resource';

/**
 * The public service endpoints (server/modules/service/service.routes.ts and
 * service-print.routes.ts): /api/schools/:schoolId/service/… and the public code redemption.
 */
export type Application = Static<typeof ApplicationSummary>;
export type ApplicationFull = Static<typeof ApplicationDetail>;
export type Consent = Static<typeof ConsentSchema>;
export type Deadline = Static<typeof DeadlineItem>;
export type Issued = Static<typeof IssuedCode>;
export type CodeRow = Static<typeof CodeRecord>;
export type Redeemed = Static<typeof RedeemResult>;

const APPLICATIONS = 'service/applications';
const CONSENTS = 'service/consents';

/** GET …/service/applications?number=&from=&to=&name=&status= — the register («журнал регистрации заявлений»). */
export const useApplications = (schoolId: string, query?: Query) => useResource<{ items: Application[] }>(schoolId, APPLICATIONS, query);

/** GET …/service/applications/:id (passport data included: audited as a read). */
export const useApplication = (schoolId: string, id: string) => useResource<ApplicationFull>(schoolId, APPLICATIONS, undefined, id);

/** POST …/service/applications (Приложение 1). */
export const useRegisterApplication = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<ApplicationFull>(resourcePath(schoolId, APPLICATIONS), body as Static<typeof ApplicationCreate>),
  );

/** PATCH …/service/applications/:id — link to the school's student and parent records. */
export const useLinkApplication = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: { studentId?: string | null; parentId?: string | null }) =>
    api.patch<ApplicationFull>(resourcePath(schoolId, APPLICATIONS, id), body),
  );

/** POST …/service/applications/:id/decision (director). */
export const useDecide = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<ApplicationFull>(`${resourcePath(schoolId, APPLICATIONS, id)}/decision`, body as Static<typeof DecisionInput>),
  );

/** POST …/service/applications/:id/order (director's order: number, date). */
export const useSignOrder = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<ApplicationFull>(`${resourcePath(schoolId, APPLICATIONS, id)}/order`, body as Static<typeof OrderInput>),
  );

/** GET …/service/deadlines[?overdue=true] */
export const useDeadlines = (schoolId: string, overdueOnly = false) =>
  useResource<{ items: Deadline[] }>(schoolId, 'service/deadlines', overdueOnly ? { overdue: 'true' } : undefined);

/** GET …/service/consents[?applicationId=|studentId=] — all for staff and the operator, one's own for a parent. */
export const useConsents = (schoolId: string, query?: Query) => useResource<{ items: Consent[] }>(schoolId, CONSENTS, query);

/** POST …/service/consents (Приложение 2). */
export const useRecordConsent = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Static<typeof ConsentCreate>) => api.post<Consent>(resourcePath(schoolId, CONSENTS), body));

/** POST …/service/consents/:id/withdraw */
export const useWithdrawConsent = (schoolId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, withdrawnOn }: { id: string; withdrawnOn?: string }) =>
      api.post<Consent>(`${resourcePath(schoolId, CONSENTS, id)}/withdraw`, withdrawnOn ? { withdrawnOn } : {}),
    // The family's children and everything shown about them change: refetch it all.
    onSuccess: () => queryClient.invalidateQueries(),
  });
};

/** POST …/service/consents/:id/operator-copy (date, how). */
export const useRecordOperatorCopy = (schoolId: string, id: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<Consent>(`${resourcePath(schoolId, CONSENTS, id)}/operator-copy`, body as Static<typeof OperatorCopyInput>),
  );

const codesPath = (schoolId: string, studentId: string) => `${resourcePath(schoolId, 'service/students', studentId)}/codes`;

/** GET …/service/students/:studentId/codes — who was given a code and when (never the codes). */
export const useStudentCodes = (schoolId: string, studentId: string) =>
  useResource<{ items: CodeRow[] }>(schoolId, `service/students/${encodeURIComponent(studentId)}/codes`);

/** POST …/service/students/:studentId/codes — issue (or reissue: the old one stops working). */
export const useIssueCode = (schoolId: string, studentId: string) =>
  useResourceMutation(schoolId, (kind: 'parent' | 'student') => api.post<Issued>(codesPath(schoolId, studentId), { kind }));

/** POST /api/access-codes/redeem (public): a new account, or a child added to the signed-in one. */
export const redeemCode = (body: Static<typeof RedeemInput>) => api.post<Redeemed>('/api/access-codes/redeem', body);

/** Links to the server's PDFs (GET, opened in a new tab with the session cookie). */
export const pdfLinks = {
  application: (schoolId: string, id: string) => `${resourcePath(schoolId, APPLICATIONS, id)}/form.pdf`,
  consent: (schoolId: string, id: string) => `${resourcePath(schoolId, CONSENTS, id)}/form.pdf`,
  register: (schoolId: string, from?: string, to?: string) => {
    const params = new URLSearchParams();
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    const query = params.toString();
    return `${resourcePath(schoolId, 'service/register.pdf')}${query ? `?${query}` : ''}`;
  },
};

/**
 * POST …/service/codes/slip.pdf: the slip is a POST because the server keeps only the code's hash
 * and needs the code itself again. Answers a blob URL for a new tab or a download link.
 */
export async function fetchSlipPdf(schoolId: string, codeId: string, code: string, locale: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(resourcePath(schoolId, 'service/codes/slip.pdf'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/pdf', 'accept-language': locale },
      body: JSON.stringify({ codeId, code }),
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 'network', '');
  }
  if (!response.ok) {
    // Errors come in the usual JSON shape, already in the request's language.
    const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, data?.error?.code ?? 'http_error', data?.error?.message ?? '');
  }
  return URL.createObjectURL(await response.blob());
}
