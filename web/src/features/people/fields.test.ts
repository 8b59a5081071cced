import { PARENT_LIMITS, STUDENT_LIMITS } from '@contract/limits';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../lib/i18n';
import { parentFields, studentFields } from './fields';

const t = ((key: string) => key) as Translate;

describe('the people forms take their limits from the contract', () => {
  it('gives every text field of the student and parent cards the contract’s maxLength', () => {
    const student = new Map(studentFields(t).map((f) => [f.name, f.maxLength]));
    expect(student.get('surname')).toBe(STUDENT_LIMITS.surname);
    expect(student.get('residenceAddress')).toBe(STUDENT_LIMITS.residenceAddress);
    expect(student.get('birthDate')).toBeUndefined();
    for (const f of parentFields(t)) {
      if (f.name in PARENT_LIMITS) expect(f.maxLength).toBe(PARENT_LIMITS[f.name as keyof typeof PARENT_LIMITS]);
    }
  });
});
