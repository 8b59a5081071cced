/**
 * The grid's starting column: today's lesson, else the last one before today (where a teacher
 * usually types), else the first. `today` is the school's calendar day (todayInZone), so before
 * 10:00 in Vladivostok the cursor is not left on yesterday's lesson.
 */
export function startColumn(lessons: ReadonlyArray<{ date: string }>, today: string): number {
  let col = 0;
  lessons.forEach((l, i) => {
    if (l.date <= today) col = i;
  });
  return col;
}
