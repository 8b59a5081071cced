import { type Locale, type MessageKey, translate } from '../../../contract/i18n/index.js';
import { numberPages, renderPdf, ruDate, table } from '../../lib/pdf.js';
import type { ComplaintRow } from './oversight.repository.js';

/** The complaint book as PDF (seed 002 §2.13 row 1; R10.1). */
export function complaintBookPdf(
  locale: Locale,
  schoolName: string,
  rows: ComplaintRow[],
  numbers: Map<string, string>,
  printedOn: string,
): Promise<Buffer> {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, params);
  return renderPdf({ title: t('oversight.pdf.bookTitle'), layout: 'landscape', margin: 36 }, (doc) => {
    doc.font('bold').fontSize(14).text(t('oversight.pdf.bookTitle'), { align: 'center' });
    doc.font('regular').fontSize(10).text(schoolName, { align: 'center' });
    doc.moveDown(0.8);
    table(
      doc,
      [
        { title: t('oversight.pdf.colNumber'), width: 70 },
        { title: t('oversight.pdf.colRegistered'), width: 62 },
        { title: t('oversight.pdf.colForm'), width: 76 },
        { title: t('oversight.pdf.colComplainant'), width: 150 },
        { title: t('oversight.pdf.colSubstance'), width: 192 },
        { title: t('oversight.pdf.colDue'), width: 70 },
        { title: t('oversight.pdf.colOutcome'), width: 149 },
      ],
      rows.map((r) => [
        r.number,
        ruDate(r.registered_on),
        `${t(`oversight.form.${r.form}` as MessageKey)}\n${r.addressee}`,
        `${r.complainant_name}\n${r.complainant_address}`,
        r.substance,
        [ruDate(r.due_on), r.extended_due_on ? t('oversight.pdf.extended', { date: ruDate(r.extended_due_on) }) : '']
          .filter(Boolean)
          .join('\n'),
        r.status === 'answered'
          ? `${t('oversight.pdf.answered', { date: ruDate(r.answered_on), method: r.answer_method ?? '' })}\n${r.answer_text ?? ''}`
          : r.status === 'declined'
            ? t('oversight.pdf.declined', { date: ruDate(r.declined_on), number: numbers.get(r.repeat_of_id ?? '') ?? '' })
            : t('oversight.status.open'),
      ]),
    );
    numberPages(doc, (page) => `${t('service.pdf.page', { page })} · ${t('service.pdf.printedAt', { date: ruDate(printedOn) })}`);
  });
}
