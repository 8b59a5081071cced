import { createBrowserRouter } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RoleHome } from '../features/home/RoleHome';
import { JournalPage } from '../features/journal/JournalPage';
import { ParentsPage } from '../features/people/ParentsPage';
import { StaffPage } from '../features/people/StaffPage';
import { StudentCardPage } from '../features/people/StudentCardPage';
import { StudentsPage } from '../features/people/StudentsPage';
import { StructurePage } from '../features/school/StructurePage';
import { ActivatePage } from '../features/service/ActivatePage';
import { ApplicationPage } from '../features/service/ApplicationPage';
import { ApplicationsPage } from '../features/service/ApplicationsPage';
import { CodesPage } from '../features/service/CodesPage';
import { ConsentsPage } from '../features/service/ConsentsPage';
import { DeadlinesPage } from '../features/service/DeadlinesPage';
import { MyDataPage } from '../features/service/MyDataPage';
import { TimetablePage } from '../features/timetable/TimetablePage';
import { AboutPage } from './AboutPage';
import { NotFoundPage } from './NotFoundPage';
import { NoSchoolPage, RootRedirect, SchoolIndexRedirect } from './redirects';
import { SchoolShell } from './shell/AppShell';

export const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/about', element: <AboutPage /> },
  { path: '/activate', element: <ActivatePage /> },
  { path: '/no-school', element: <NoSchoolPage /> },
  {
    path: '/schools/:schoolId',
    element: <SchoolShell />,
    children: [
      { index: true, element: <SchoolIndexRedirect /> },
      { path: 'home', element: <SchoolIndexRedirect /> },
      { path: 'home/:role', element: <RoleHome /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'journal/:curriculumId?', element: <JournalPage /> },
      { path: 'timetable', element: <TimetablePage /> },
      // The diary is what most families open, often on a slow phone: its code is a separate chunk.
      { path: 'diary/:view?', lazy: () => import('../features/diary/DiaryPage').then((m) => ({ Component: m.DiaryPage })) },
      { path: 'structure', element: <StructurePage /> },
      { path: 'structure/:tab', element: <StructurePage /> },
      { path: 'students', element: <StudentsPage /> },
      { path: 'students/:studentId', element: <StudentCardPage /> },
      { path: 'parents', element: <ParentsPage /> },
      { path: 'staff', element: <StaffPage /> },
      { path: 'service/applications', element: <ApplicationsPage /> },
      { path: 'service/applications/:applicationId', element: <ApplicationPage /> },
      { path: 'service/deadlines', element: <DeadlinesPage /> },
      { path: 'service/consents', element: <ConsentsPage /> },
      { path: 'service/codes', element: <CodesPage /> },
      { path: 'my-data', element: <MyDataPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
