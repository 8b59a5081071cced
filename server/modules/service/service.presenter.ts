import type { ApplicationStatus, CodeKind, DeadlineStage } from '../../../contract/schemas/service.js';
import { fullName } from './service.common.js';
import type { ApplicationRow, ConsentRow } from './service.repository.js';

export interface DeadlineView {
  stage: DeadlineStage;
  dueOn: string;
  overdue: boolean;
}

export function presentApplicationSummary(row: ApplicationRow, nextDeadline: DeadlineView | null) {
  return {
    id: row.id,
    number: row.number,
    registeredOn: row.registered_on,
    parentFullName: fullName(row.parent_surname, row.parent_name, row.parent_patronymic),
    childFullName: row.child_full_name,
    childClass: row.child_class,
    status: row.status as ApplicationStatus,
    refusalGround: row.refusal_ground,
    decidedOn: row.decided_on,
    orderNumber: row.order_number,
    orderDate: row.order_date,
    accessIssuedOn: row.access_issued_on,
    studentId: row.student_id,
    parentId: row.parent_id,
    nextDeadline,
  };
}

export function presentApplicationDetail(row: ApplicationRow, nextDeadline: DeadlineView | null, consentIds: string[]) {
  return {
    ...presentApplicationSummary(row, nextDeadline),
    parentSurname: row.parent_surname,
    parentName: row.parent_name,
    parentPatronymic: row.parent_patronymic,
    addressCity: row.address_city,
    addressStreet: row.address_street,
    addressHouse: row.address_house,
    addressBuilding: row.address_building,
    addressFlat: row.address_flat,
    phone: row.phone,
    passportSeries: row.passport_series,
    passportNumber: row.passport_number,
    passportIssuedBy: row.passport_issued_by,
    personalDataErasedAt: row.personal_data_erased_at,
    decisionNote: row.decision_note,
    consentIds,
  };
}

export function presentConsent(row: ConsentRow, operatorCopyDueOn: string, valid: boolean) {
  return {
    id: row.id,
    applicationId: row.application_id,
    studentId: row.student_id,
    parentId: row.parent_id,
    childFullName: row.child_full_name,
    parentFullName: row.parent_full_name,
    childFields: JSON.parse(row.child_fields) as string[],
    parentFields: JSON.parse(row.parent_fields) as string[],
    purposes: JSON.parse(row.purposes) as string[],
    depersonalisedOnly: row.depersonalised_only === 1,
    signedOn: row.signed_on,
    receivedOn: row.received_on,
    withdrawnOn: row.withdrawn_on,
    operatorCopySentOn: row.operator_copy_sent_on,
    operatorCopyMethod: row.operator_copy_method,
    operatorCopyDueOn,
    valid,
  };
}

export function presentCodeRecord(r: {
  id: string;
  kind: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  issued_by_name: string | null;
}) {
  return {
    id: r.id,
    kind: r.kind as CodeKind,
    issuedAt: r.issued_at,
    issuedByName: r.issued_by_name,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    revokedAt: r.revoked_at,
  };
}
