import type { FastifyInstance } from 'fastify';
import type { Deps } from '../lib/deps.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { mfaRoutes } from './auth/mfa.routes.js';
import { diaryRoutes } from './diary/diary.routes.js';
import { familyRoutes } from './family/family.routes.js';
import { journalRoutes } from './journal/journal.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { operationsRoutes } from './operations/operations.routes.js';
import { oversightRoutes } from './oversight/oversight.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { schoolRoutes } from './school/school.routes.js';
import { securityRoutes } from './security/security.routes.js';
import { serviceRoutes } from './service/service.routes.js';
import { systemRoutes } from './system/system.routes.js';
import { timetableRoutes } from './timetable/timetable.routes.js';

/** Every module's routes, registered in one place. */
export async function registerModuleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(systemRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(mfaRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(schoolRoutes(deps));
  await app.register(peopleRoutes(deps));
  await app.register(timetableRoutes(deps));
  await app.register(journalRoutes(deps));
  await app.register(diaryRoutes(deps));
  await app.register(serviceRoutes(deps));
  await app.register(oversightRoutes(deps));
  await app.register(securityRoutes(deps));
  await app.register(familyRoutes(deps));
  await app.register(notificationsRoutes(deps));
  await app.register(operationsRoutes(deps));
  await app.register(reportsRoutes(deps));
}
