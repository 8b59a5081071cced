import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../lib/deps.js';
import { movementRoutes } from './movements.routes.js';
import { parentRoutes } from './parents.routes.js';
import { staffRoutes } from './staff.routes.js';
import { studentRoutes } from './students.routes.js';

/** Students, parents, staff and movement (R1.4, R1.5). */
export function peopleRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(studentRoutes(deps));
    await app.register(parentRoutes(deps));
    await app.register(staffRoutes(deps));
    await app.register(movementRoutes(deps));
  };
}
