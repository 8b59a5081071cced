import type { MfaConfirmedSchema, MfaEnrolmentSchema, MfaPendingSchema, MfaStatusSchema } from '@contract/schemas/mfa';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Me } from '../../../lib/resources/me';

export type MfaPending = Static<typeof MfaPendingSchema>;
export type MfaEnrolment = Static<typeof MfaEnrolmentSchema>;
export type MfaStatus = Static<typeof MfaStatusSchema>;

/** POST /api/auth/mfa/enrol: a new secret (QR code and text), for a session or a sign-in sent to enrolment. */
export const startEnrolment = () => api.post<MfaEnrolment>('/api/auth/mfa/enrol');

/** POST /api/auth/mfa/enrol/confirm: the first code; answers the recovery codes (shown once). */
export const confirmEnrolment = (code: string) => api.post<Static<typeof MfaConfirmedSchema>>('/api/auth/mfa/enrol/confirm', { code });

/** POST /api/auth/mfa/verify: the second step of a sign-in. */
export const verifySignIn = (code: string) => api.post<Me>('/api/auth/mfa/verify', { code });

export const mfaStatusKey = ['auth', 'mfa'] as const;

/** GET /api/auth/mfa. */
export const useMfaStatus = () => useQuery({ queryKey: mfaStatusKey, queryFn: () => api.get<MfaStatus>('/api/auth/mfa') });
