import type { ComplaintSchema, InspectionSchema } from '@contract/schemas/oversight';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { type Query, resourcePath, resourceQuery, useResource, useResourceMutation } from '../../../lib/resource';

/**
 * The complaint book and the inspections (seed 002 §4–5; server/modules/oversight). All URLs are
 * built from these two resource names, under /api/schools/:schoolId/.
 */
export type Complaint = Static<typeof ComplaintSchema>;
export type Inspection = Static<typeof InspectionSchema>;

const COMPLAINTS = 'oversight/complaints';
const INSPECTIONS = 'oversight/inspections';

/** GET …/oversight/complaints?status=open|answered|declined|overdue&q= */
export const useComplaints = (schoolId: string, query?: Query, enabled = true) =>
  useQuery({ ...resourceQuery<{ items: Complaint[] }>(schoolId, COMPLAINTS, query), enabled });

/** POST …/oversight/complaints (seed 002 §5.1.2). */
export const useRegisterComplaint = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => api.post<Complaint>(resourcePath(schoolId, COMPLAINTS), body));

type ComplaintAction = 'extend' | 'answer' | 'decline';

/** POST …/oversight/complaints/:id/{extend|answer|decline} */
export const useComplaintAction = (schoolId: string, id: string, action: ComplaintAction) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<Complaint>(`${resourcePath(schoolId, COMPLAINTS, id)}/${action}`, body),
  );

/** GET …/oversight/inspections */
export const useInspections = (schoolId: string) => useResource<{ items: Inspection[] }>(schoolId, INSPECTIONS);

/** POST …/oversight/inspections */
export const useCreateInspection = (schoolId: string) =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) => api.post<Inspection>(resourcePath(schoolId, INSPECTIONS), body));

/** POST …/oversight/inspections/:id/{result|result-sent} */
export const useInspectionAction = (schoolId: string, id: string, action: 'result' | 'result-sent') =>
  useResourceMutation(schoolId, (body: Record<string, unknown>) =>
    api.post<Inspection>(`${resourcePath(schoolId, INSPECTIONS, id)}/${action}`, body),
  );

/** The complaint book as PDF. */
export const complaintBookPdf = (schoolId: string) => `${resourcePath(schoolId, COMPLAINTS)}.pdf`;
