import { type RouteObject, useRoutes } from 'react-router';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { MfaCodePage, MfaEnrolSignInPage, SecurityPanel } from '../features/auth/MfaPages';
import { DiaryPage } from '../features/diary/DiaryPage';
import { RoleHome } from '../features/home/RoleHome';
import { AboutPage } from './AboutPage';
import { lazyPage } from './lazy-page';
import { NotFoundPage } from './NotFoundPage';
import { NoSchoolPage, NotificationsRedirect, RootRedirect, SchoolIndexRedirect } from './redirects';
import { PlainShell, SchoolShell } from './shell/AppShell';

// Each page below is its own chunk (see lazy-page.tsx).
const BackupsPage = lazyPage(() => import('../features/operations/BackupsPage'), 'BackupsPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
const SecurityPage = lazyPage(() => import('../features/security/SecurityPage'), 'SecurityPage');
const MonitoringPage = lazyPage(() => import('../features/reports/MonitoringPage'), 'MonitoringPage');
const JournalPage = lazyPage(() => import('../features/journal/JournalPage'), 'JournalPage');
const ThematicPlanPage = lazyPage(() => import('../features/journal/ThematicPlanPage'), 'ThematicPlanPage');
const GradingSettingsPage = lazyPage(() => import('../features/journal/GradingSettingsPage'), 'GradingSettingsPage');
const ParentsPage = lazyPage(() => import('../features/people/ParentsPage'), 'ParentsPage');
const StaffPage = lazyPage(() => import('../features/people/StaffPage'), 'StaffPage');
const StudentCardPage = lazyPage(() => import('../features/people/StudentCardPage'), 'StudentCardPage');
const StudentsPage = lazyPage(() => import('../features/people/StudentsPage'), 'StudentsPage');
const StructurePage = lazyPage(() => import('../features/school/StructurePage'), 'StructurePage');
const ActivatePage = lazyPage(() => import('../features/service/ActivatePage'), 'ActivatePage');
const ApplicationPage = lazyPage(() => import('../features/service/ApplicationPage'), 'ApplicationPage');
const ApplicationsPage = lazyPage(() => import('../features/service/ApplicationsPage'), 'ApplicationsPage');
const CodesPage = lazyPage(() => import('../features/service/CodesPage'), 'CodesPage');
const ConsentsPage = lazyPage(() => import('../features/service/ConsentsPage'), 'ConsentsPage');
const DeadlinesPage = lazyPage(() => import('../features/service/DeadlinesPage'), 'DeadlinesPage');
const MyDataPage = lazyPage(() => import('../features/service/MyDataPage'), 'MyDataPage');
const FamilyAccessPage = lazyPage(() => import('../features/family/FamilyAccessPage'), 'FamilyAccessPage');
const OversightPage = lazyPage(() => import('../features/oversight/OversightPage'), 'OversightPage');
const TimetablePage = lazyPage(() => import('../features/timetable/TimetablePage'), 'TimetablePage');
const NotificationsPage = lazyPage(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage');
const DeliveryLogPage = lazyPage(() => import('../features/notifications/DeliveryLogPage'), 'DeliveryLogPage');
const ConfirmEmailPage = lazyPage(() => import('../features/notifications/ConfirmEmailPage'), 'ConfirmEmailPage');
const ParentCardPage = lazyPage(() => import('../features/people/ParentCardPage'), 'ParentCardPage');
const StaffCardPage = lazyPage(() => import('../features/people/StaffCardPage'), 'StaffCardPage');

const routes: RouteObject[] = [
  { path: '/', element: <RootRedirect /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/login/code', element: <MfaCodePage /> },
  { path: '/login/enrol', element: <MfaEnrolSignInPage /> },
  { path: '/security', element: <PlainShell>{(me) => <SecurityPanel me={me} />}</PlainShell> },
  { path: '/password', element: <ChangePasswordPage /> },
  { path: '/about', element: <AboutPage /> },
  { path: '/activate', element: <ActivatePage /> },
  { path: '/no-school', element: <NoSchoolPage /> },
  { path: '/notifications', element: <NotificationsRedirect /> },
  { path: '/notifications/confirm', element: <ConfirmEmailPage /> },
  {
    path: '/schools/:schoolId',
    element: <SchoolShell />,
    children: [
      { index: true, element: <SchoolIndexRedirect /> },
      { path: 'home', element: <SchoolIndexRedirect /> },
      { path: 'home/:role', element: <RoleHome /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'backups', element: <BackupsPage /> },
      { path: 'security', element: <SecurityPage /> },
      { path: 'monitoring', element: <MonitoringPage /> },
      { path: 'journal/:curriculumId?', element: <JournalPage /> },
      { path: 'journal/:curriculumId/plan', element: <ThematicPlanPage /> },
      { path: 'timetable', element: <TimetablePage /> },
      { path: 'grading', element: <GradingSettingsPage /> },
      // Eager, unlike the staff pages below: most users open the diary, and a chunk of its own cost a
      // sequential round trip on a slow phone (`npm run bench -- first-load`).
      { path: 'diary/:view?', element: <DiaryPage /> },
      { path: 'structure', element: <StructurePage /> },
      { path: 'structure/:tab', element: <StructurePage /> },
      { path: 'students', element: <StudentsPage /> },
      { path: 'students/:studentId', element: <StudentCardPage /> },
      { path: 'parents', element: <ParentsPage /> },
      { path: 'parents/:parentId', element: <ParentCardPage /> },
      { path: 'staff', element: <StaffPage /> },
      { path: 'staff/:staffId', element: <StaffCardPage /> },
      { path: 'service/applications', element: <ApplicationsPage /> },
      { path: 'service/applications/:applicationId', element: <ApplicationPage /> },
      { path: 'service/deadlines', element: <DeadlinesPage /> },
      { path: 'service/consents', element: <ConsentsPage /> },
      { path: 'service/codes', element: <CodesPage /> },
      { path: 'my-data', element: <MyDataPage /> },
      { path: 'who-viewed', element: <FamilyAccessPage /> },
      { path: 'oversight/:tab?', element: <OversightPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'notifications/log', element: <DeliveryLogPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

/**
 * The pages by address. Declarative routing (BrowserRouter + useRoutes): nothing here uses the data
 * router's loaders, and leaving it out keeps ~40 KB of script off a phone's first load.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
