/**
 * The `search_text` columns hold the lower-cased full name (and, for students, the file number),
 * folded in JavaScript: SQLite's LIKE and lower() fold only ASCII, so Cyrillic must arrive
 * already folded on both sides. «ё» is folded to «е» because people type it either way.
 */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function searchTextOf(...parts: ReadonlyArray<string | null | undefined>): string {
  return foldForSearch(parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' '));
}
