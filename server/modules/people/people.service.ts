/**
 * What other modules may call in the people module. These functions do no access check: the
 * calling service has already asked the access policy for what it shows (journal, diary, reports,
 * notifications). Routes of this module use the checked services in students/parents/staff/
 * movements.service.ts instead.
 */
export { type RosterOf, rosterOn } from './movements.service.js';
export { classOfStudentOn, getStudentName, studentsOfUser } from './students.service.js';
