import type { MyStudent } from '../../lib/resources/my-students';

/**
 * The child last opened in a school's diary on this device (an opaque id, never a name), so the
 * diary reopens on them, and their week can be asked for before the list of children arrives.
 */
const childKey = (schoolId: string) => `otmetka.diary.child.${schoolId}`;

export function rememberChild(schoolId: string, studentId: string): void {
  try {
    localStorage.setItem(childKey(schoolId), studentId);
  } catch {
    // Storage disabled (private mode): the diary then opens on the first child.
  }
}

export function rememberedChild(schoolId: string): string | null {
  try {
    return localStorage.getItem(childKey(schoolId));
  } catch {
    return null;
  }
}

/**
 * Whose diary to show: the one asked for in the address (a link from the home page or the
 * switcher), else the one remembered on this device for this school, else the first of this
 * school (a child in another school is shown in that school's diary).
 */
export function chooseChild(students: readonly MyStudent[], schoolId: string, asked: string | null): MyStudent | null {
  const here = students.filter((s) => s.schoolId === schoolId);
  const remembered = rememberedChild(schoolId);
  return students.find((s) => s.id === asked) ?? here.find((s) => s.id === remembered) ?? here[0] ?? students[0] ?? null;
}
