/**
 * Search folding of Cyrillic text, the one home for every `search_text` column and every query
 * against one (people, applications, complaints, the demo generator). SQLite's LIKE and lower()
 * fold only ASCII, so text must arrive already folded on both sides for search to work the same on
 * SQLite and PostgreSQL:
 * - NFC first, so an «ё» or «й» typed as a letter plus a combining mark (macOS, some phones) is one letter;
 * - lower case (Unicode, so «Ё» → «ё», «Ї» → «ї»);
 * - «ё» → «е», because people type either;
 * - runs of white space (tabs, no-break spaces) → one space, and trimmed.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The folded search text of a row: its non-empty parts joined by spaces. */
export function searchTextOf(...parts: ReadonlyArray<string | null | undefined>): string {
  return foldForSearch(parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' '));
}
