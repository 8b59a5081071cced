import type { ParentList } from '@contract/schemas/people';
import type { Static } from '@sinclair/typebox';
import { type Query, useResource } from '../../../lib/resource';

export type ParentListItem = Static<typeof ParentList>['items'][number];

/** GET /api/schools/:schoolId/parents?q=&studentId= */
export const useParents = (schoolId: string, query?: Query) => useResource<Static<typeof ParentList>>(schoolId, 'parents', query);
