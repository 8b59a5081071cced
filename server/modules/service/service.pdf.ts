import { type Locale, type MessageKey, type MessageParams, translate } from '../../../contract/i18n/index.js';
import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../../../contract/schemas/service.js';
import { type Doc, formLine, numberPages, renderPdf, ruDate, table } from '../../lib/pdf.js';
import type { SlipData } from './access-codes.service.js';
import type { SchoolInfo } from './service.common.js';
import { fullName } from './service.common.js';
import type { ApplicationRow, ConsentRow } from './service.repository.js';

/** The printed forms of the service (R10.1): Приложение 1 and 2 pre-filled, the code slip, the register. */
type T = (key: MessageKey, params?: MessageParams) => string;
const tr =
  (locale: Locale): T =>
  (key, params) =>
    translate(locale, key, params);

function annex(doc: Doc, text: string): void {
  doc.font('regular').fontSize(9).text(text, { align: 'right' });
  doc.moveDown(0.8);
}

/** Приложение 1: the application, pre-filled from the register entry. */
export function applicationPdf(locale: Locale, school: SchoolInfo, row: ApplicationRow): Promise<Buffer> {
  const t = tr(locale);
  return renderPdf({ title: `${t('service.pdf.applicationTitle')} ${row.number}` }, (doc) => {
    annex(doc, t('service.pdf.applicationAnnex'));
    const x = 290;
    const width = doc.page.width - doc.page.margins.right - x;
    formLine(doc, t('service.pdf.to'), school.name, { x, width });
    formLine(doc, '', school.directorName, { x, width });
    doc.font('regular').fontSize(11).text(t('service.pdf.fromParent'), x, doc.y, { width });
    doc.moveDown(0.3);
    formLine(doc, t('service.pdf.surname'), row.parent_surname, { x, width });
    formLine(doc, t('service.pdf.name'), row.parent_name, { x, width });
    formLine(doc, t('service.pdf.patronymic'), row.parent_patronymic, { x, width });
    doc.font('regular').fontSize(11).text(t('service.pdf.registrationPlace'), x, doc.y, { width });
    doc.moveDown(0.3);
    formLine(doc, t('service.pdf.city'), row.address_city, { x, width });
    formLine(doc, t('service.pdf.street'), row.address_street, { x, width });
    formLine(
      doc,
      t('service.pdf.house'),
      [
        row.address_house,
        row.address_building && `${t('service.pdf.building')} ${row.address_building}`,
        row.address_flat && `${t('service.pdf.flat')} ${row.address_flat}`,
      ]
        .filter(Boolean)
        .join(', '),
      { x, width },
    );
    formLine(doc, t('service.pdf.phone'), row.phone, { x, width });
    formLine(
      doc,
      t('service.pdf.passport'),
      row.passport_series ? `${row.passport_series} ${t('service.pdf.passportNumber')} ${row.passport_number}` : '',
      {
        x,
        width,
      },
    );
    formLine(doc, t('service.pdf.issuedBy'), row.passport_issued_by, { x, width });
    doc.moveDown(1.5);
    const left = doc.page.margins.left;
    const full = doc.page.width - left - doc.page.margins.right;
    doc.font('bold').fontSize(14).text(t('service.pdf.applicationTitle'), left, doc.y, { width: full, align: 'center' });
    doc.moveDown(0.8);
    doc
      .font('regular')
      .fontSize(12)
      .text(t('service.pdf.applicationBody', { child: row.child_full_name, class: row.child_class }), left, doc.y, {
        width: full,
        align: 'justify',
        indent: 30,
        lineGap: 3,
      });
    doc.moveDown(2);
    const y = doc.y;
    doc.fontSize(11).text(ruDate(row.registered_on), left, y);
    doc
      .moveTo(left + 300, y + 14)
      .lineTo(left + full, y + 14)
      .lineWidth(0.5)
      .stroke();
    doc.fontSize(8).text(t('service.pdf.signature'), left + 300, y + 16, { width: full - 300, align: 'center' });
    doc.moveDown(3);
    doc
      .fontSize(9)
      .text(t('service.pdf.registeredAs', { number: row.number, date: ruDate(row.registered_on) }), left, doc.y, { width: full });
  });
}

function box(checked: boolean): string {
  return checked ? '☒' : '☐';
}

/** Приложение 2: the consent, with the allowed fields ticked. */
export function consentPdf(locale: Locale, school: SchoolInfo, row: ConsentRow, application: ApplicationRow | undefined): Promise<Buffer> {
  const t = tr(locale);
  const childFields = JSON.parse(row.child_fields) as string[];
  const parentFields = JSON.parse(row.parent_fields) as string[];
  const purposes = JSON.parse(row.purposes) as string[];
  return renderPdf({ title: t('service.pdf.consentTitle'), margin: 40 }, (doc) => {
    annex(doc, t('service.pdf.consentAnnex'));
    const left = doc.page.margins.left;
    const full = doc.page.width - left - doc.page.margins.right;
    doc.font('bold').fontSize(10).text(`${school.name}, ${school.address}`, { align: 'center' });
    doc.moveDown(0.5);
    doc.font('bold').fontSize(13).text(t('service.pdf.consentTitle'), { align: 'center' });
    doc.moveDown(0.4);
    doc.font('regular').fontSize(9.5).text(t('service.pdf.consentIntro'), { align: 'justify' });
    doc.moveDown(0.4);
    doc.text(t('service.pdf.consentAllow'));
    doc.moveDown(0.3);
    const rows: string[][] = [];
    const n = Math.max(CHILD_CONSENT_FIELDS.length, PARENT_CONSENT_FIELDS.length);
    for (let i = 0; i < n; i++) {
      const c = CHILD_CONSENT_FIELDS[i];
      const p = PARENT_CONSENT_FIELDS[i];
      rows.push([
        c ? `${box(childFields.includes(c))} ${t(`service.childField.${c}` as MessageKey)}` : '',
        p ? `${box(parentFields.includes(p))} ${t(`service.parentField.${p}` as MessageKey)}` : '',
      ]);
    }
    table(
      doc,
      [
        { title: t('service.pdf.childColumn'), width: full / 2 },
        { title: t('service.pdf.parentColumn'), width: full / 2 },
      ],
      rows,
      { fontSize: 8.5 },
    );
    doc.moveDown(0.5);
    doc.font('regular').fontSize(9.5).text(t('service.pdf.purposesTitle'), left, doc.y, { width: full });
    for (const [i, p] of CONSENT_PURPOSES.entries()) {
      doc.text(`${box(purposes.includes(p))} ${i + 1}) ${t(`service.purpose.${p}` as MessageKey)}`, left + 10, doc.y, { width: full - 10 });
    }
    doc.moveDown(0.4);
    doc.text(t('service.pdf.consentValidity'), left, doc.y, { width: full });
    doc.moveDown(0.6);
    formLine(doc, t('service.pdf.childName'), row.child_full_name);
    formLine(doc, t('service.pdf.parentName'), row.parent_full_name);
    const address = application
      ? [
          application.address_city,
          application.address_street,
          application.address_house,
          application.address_building,
          application.address_flat,
        ]
          .filter(Boolean)
          .join(', ')
      : '';
    formLine(doc, t('service.pdf.address'), address);
    const passport =
      application?.passport_series && application.passport_number
        ? `${application.passport_series} ${application.passport_number}, ${application.passport_issued_by}`
        : '';
    formLine(doc, t('service.pdf.passportShort'), passport);
    doc.moveDown(0.5);
    const y = doc.y;
    doc.fontSize(10).text(t('service.pdf.signedOn', { date: ruDate(row.signed_on) }), left, y);
    doc
      .moveTo(left + 300, y + 12)
      .lineTo(left + full, y + 12)
      .lineWidth(0.5)
      .stroke();
    doc.fontSize(7.5).text(t('service.pdf.parentSignature'), left + 300, y + 14, { width: full - 300, align: 'center' });
    if (row.withdrawn_on) {
      doc.moveDown(1);
      doc
        .font('bold')
        .fontSize(11)
        .fillColor('#a00000')
        .text(t('service.pdf.withdrawn', { date: ruDate(row.withdrawn_on) }), left, doc.y);
      doc.fillColor('#000000');
    }
  });
}

/** The slip handed over against signature: child, code, address of the system, «получил(а)». */
export function codeSlipPdf(locale: Locale, slip: SlipData): Promise<Buffer> {
  const t = tr(locale);
  return renderPdf({ title: t('service.pdf.slipTitle') }, (doc) => {
    const left = doc.page.margins.left;
    const full = doc.page.width - left - doc.page.margins.right;
    const top = doc.y;
    doc
      .font('bold')
      .fontSize(10)
      .text(slip.schoolName, left + 15, top + 15, { width: full - 30 });
    doc.moveDown(0.6);
    doc
      .font('bold')
      .fontSize(15)
      .text(t('service.pdf.slipTitle'), { width: full - 30 });
    doc.moveDown(0.4);
    doc
      .font('regular')
      .fontSize(11)
      .text(t('service.pdf.slipFor', { role: t(`service.pdf.slipRole.${slip.kind}` as MessageKey) }), { width: full - 30 });
    doc.text(t('service.pdf.slipStudent', { name: slip.studentName }), { width: full - 30 });
    doc.moveDown(0.6);
    doc
      .font('mono')
      .fontSize(30)
      .text(slip.code, { width: full - 30, align: 'center', characterSpacing: 2 });
    doc.moveDown(0.6);
    doc
      .font('bold')
      .fontSize(12)
      .text(t('service.pdf.slipAddress', { url: slip.systemAddress }), { width: full - 30 });
    doc.moveDown(0.3);
    doc
      .font('regular')
      .fontSize(10)
      .text(t('service.pdf.slipHowTo', { date: ruDate(slip.expiresAt) }), { width: full - 30, align: 'justify' });
    doc.moveDown(0.8);
    doc.text(t('service.pdf.slipIssued', { name: slip.issuedByName, date: ruDate(slip.issuedAt) }), { width: full - 30 });
    doc.moveDown(1.2);
    doc.text(t('service.pdf.slipReceived'), { width: full - 30 });
    const bottom = doc.y + 15;
    doc
      .rect(left, top, full, bottom - top)
      .lineWidth(1)
      .dash(4, { space: 3 })
      .stroke();
    doc.undash();
  });
}

/** «Журнал регистрации заявлений» for a period. */
export function registerPdf(
  locale: Locale,
  school: SchoolInfo,
  rows: ApplicationRow[],
  period: { from: string; to: string },
  printedOn: string,
): Promise<Buffer> {
  const t = tr(locale);
  return renderPdf({ title: t('service.pdf.registerTitle'), layout: 'landscape', margin: 36 }, (doc) => {
    doc.font('bold').fontSize(14).text(t('service.pdf.registerTitle'), { align: 'center' });
    doc.font('regular').fontSize(10).text(school.name, { align: 'center' });
    doc.text(t('service.pdf.registerPeriod', { from: ruDate(period.from), to: ruDate(period.to) }), { align: 'center' });
    doc.moveDown(0.8);
    table(
      doc,
      [
        { title: t('service.pdf.colNumber'), width: 80 },
        { title: t('service.pdf.colDate'), width: 65 },
        { title: t('service.pdf.colApplicant'), width: 150 },
        { title: t('service.pdf.colChild'), width: 150 },
        { title: t('service.pdf.colDecision'), width: 160 },
        { title: t('service.pdf.colOrder'), width: 95 },
        { title: t('service.pdf.colAccess'), width: 69 },
      ],
      rows.map((r) => [
        r.number,
        ruDate(r.registered_on),
        `${fullName(r.parent_surname, r.parent_name, r.parent_patronymic)}\n${r.phone}`,
        `${r.child_full_name}, ${r.child_class}`,
        [
          t(`service.status.${r.status}` as MessageKey),
          r.decided_on ? ruDate(r.decided_on) : '',
          r.refusal_ground ? t(`service.refusalGround.${r.refusal_ground}` as MessageKey) : '',
        ]
          .filter(Boolean)
          .join('\n'),
        r.order_number ? `№ ${r.order_number}\n${ruDate(r.order_date)}` : '',
        ruDate(r.access_issued_on),
      ]),
    );
    numberPages(doc, (page) => `${t('service.pdf.page', { page })} · ${t('service.pdf.printedAt', { date: ruDate(printedOn) })}`);
  });
}
