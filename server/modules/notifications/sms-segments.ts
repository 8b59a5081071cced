/**
 * SMS parts. Notices go as UCS-2 (data_coding 8): Cyrillic needs it, and one coding for every
 * message keeps the count simple and honest. A UCS-2 SMS holds 70 characters; a longer text is
 * split into parts of 67, each carrying a 6-byte concatenation header (3GPP TS 23.040 §9.2.3.24.1).
 * Characters outside the Basic Multilingual Plane take two UCS-2 units and are never split.
 */
export const SINGLE_UCS2 = 70;
export const PART_UCS2 = 67;

/** The text's UTF-16 units cut into SMS parts (one part when it fits in 70). */
export function splitSms(text: string): string[] {
  if (text.length <= SINGLE_UCS2) return [text];
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + PART_UCS2, text.length);
    // Do not cut a surrogate pair in two.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts;
}

/** How many SMS parts a text costs. */
export function smsSegments(text: string): number {
  return splitSms(text).length;
}

/** The concatenation header of part `index` (1-based) of `total`, reference `ref` (0–255). */
export function concatHeader(ref: number, total: number, index: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, index]);
}
