import { describe, expect, it } from 'vitest';
import { foldForSearch, searchTextOf } from './search-text.js';

describe('search folding of Cyrillic', () => {
  it('lower-cases Cyrillic and Latin and folds ё to е', () => {
    expect(foldForSearch('Алёна ЁЛКИНА')).toBe('алена елкина');
    expect(foldForSearch('Семёнов')).toBe(foldForSearch('семенов'));
    expect(foldForSearch('O’Brien Ivanov')).toBe('o’brien ivanov');
  });

  it('composes a letter typed with a combining mark before folding', () => {
    const decomposedYo = 'Семе\u0308нов'; // е + combining diaeresis
    const decomposedShort = 'Андреи\u0306'; // и + combining breve
    expect(foldForSearch(decomposedYo)).toBe('семенов');
    expect(foldForSearch(decomposedShort)).toBe('андрей');
  });

  it('collapses runs of white space, no-break spaces included, and trims', () => {
    expect(foldForSearch('  Иванова\t\u00a0Мария \n Петровна ')).toBe('иванова мария петровна');
  });

  it('joins the non-empty parts of a row', () => {
    expect(searchTextOf('Пётр', null, '', undefined, 'Ёлкин', '5-001')).toBe('петр елкин 5-001');
    expect(searchTextOf()).toBe('');
  });
});
