import type { MessageKey } from '../../../contract/i18n/index.js';
import { BuiltInScale, SPECIAL_GRADES } from '../../../contract/schemas/journal.js';

export interface ScaleValue {
  value: string;
  numeric: number | null;
}

export interface ScaleDefinition {
  code: string;
  nameKey: MessageKey | null;
  name: string;
  builtIn: boolean;
  values: ScaleValue[];
}

const points = (n: number): ScaleValue[] => Array.from({ length: n }, (_, i) => ({ value: String(i + 1), numeric: i + 1 }));

/** Built-in scales (R3.2); a school without a choice uses the Russian five-point scale. */
export const BUILT_IN_SCALES = {
  [BuiltInScale.five]: { code: BuiltInScale.five, nameKey: 'journal.scale.five', name: '', builtIn: true, values: points(5) },
  [BuiltInScale.passFail]: {
    code: BuiltInScale.passFail,
    nameKey: 'journal.scale.pass_fail',
    name: '',
    builtIn: true,
    // «зач» / «незач»: no numeric equivalent, so they never enter an average.
    values: [
      { value: 'pass', numeric: null },
      { value: 'fail', numeric: null },
    ],
  },
  [BuiltInScale.ten]: { code: BuiltInScale.ten, nameKey: 'journal.scale.ten', name: '', builtIn: true, values: points(10) },
  [BuiltInScale.twelve]: { code: BuiltInScale.twelve, nameKey: 'journal.scale.twelve', name: '', builtIn: true, values: points(12) },
} as const satisfies Record<string, ScaleDefinition>;

export const DEFAULT_SCALE = BuiltInScale.five;

export function builtInScale(code: string): ScaleDefinition | undefined {
  return (BUILT_IN_SCALES as Record<string, ScaleDefinition>)[code];
}

/** Values allowed as a period/year/exam/final grade: the scale's own plus «н/а», «осв.», «зач», «незач» (R4.1). */
export function periodGradeAllowed(scale: ScaleDefinition, value: string): boolean {
  return SPECIAL_GRADES.includes(value) || scale.values.some((v) => v.value === value);
}

/** Default work types and weights written for a school on first use (R3.2). */
export const DEFAULT_WORK_TYPES: ReadonlyArray<{ code: string; weight: number; isControl: boolean }> = [
  { code: 'answer', weight: 1, isControl: false },
  { code: 'independent', weight: 1.5, isControl: false },
  { code: 'control', weight: 2, isControl: true },
  { code: 'homework', weight: 1, isControl: false },
  { code: 'dictation', weight: 1.5, isControl: true },
  { code: 'test', weight: 1.5, isControl: true },
  { code: 'practical', weight: 1.5, isControl: false },
  { code: 'essay', weight: 1.5, isControl: true },
];

export const workTypeNameKey = (code: string) => `journal.workType.${code}` as MessageKey;
