import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  CurriculumCreateBody,
  CurriculumListQuery,
  CurriculumListSchema,
  CurriculumPatchBody,
  CurriculumSchema,
  SubjectCreateBody,
  SubjectListSchema,
  SubjectPatchBody,
  SubjectSchema,
} from '../../../contract/schemas/school.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import {
  createCurriculum,
  createSubject,
  deleteCurriculum,
  deleteSubject,
  listCurriculum,
  listSubjects,
  updateCurriculum,
  updateSubject,
} from './curriculum.service.js';
import { authenticated as config, NO_CONTENT, STRUCTURE_ERRORS, tags } from './school.http.js';

/** Subjects and the curriculum of a school. */
export function curriculumRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // ------------------------------------------------------------ subjects
    app.get(
      '/api/schools/:schoolId/subjects',
      { config, schema: { tags, summary: 'Subjects', params: SchoolParams, response: { 200: SubjectListSchema } } },
      async (request) => ({ items: await listSubjects(deps, actorOf(request), request.params.schoolId) }),
    );
    app.post(
      '/api/schools/:schoolId/subjects',
      {
        config,
        schema: {
          tags,
          summary: 'Add a subject',
          params: SchoolParams,
          body: SubjectCreateBody,
          response: { 201: SubjectSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await createSubject(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.patch(
      '/api/schools/:schoolId/subjects/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change a subject',
          params: SchoolItemParams,
          body: SubjectPatchBody,
          response: { 200: SubjectSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateSubject(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.delete(
      '/api/schools/:schoolId/subjects/:id',
      {
        config,
        schema: { tags, summary: 'Delete an unused subject', params: SchoolItemParams, response: { ...NO_CONTENT, ...STRUCTURE_ERRORS } },
      },
      async (request, reply) => {
        await deleteSubject(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    // ------------------------------------------------------------ curriculum
    app.get(
      '/api/schools/:schoolId/curriculum',
      {
        config,
        schema: {
          tags,
          summary: 'Curriculum: subject, teacher, class or group, hours per week',
          params: SchoolParams,
          querystring: CurriculumListQuery,
          response: { 200: CurriculumListSchema },
        },
      },
      async (request) => ({ items: await listCurriculum(deps, actorOf(request), request.params.schoolId, request.query) }),
    );
    app.post(
      '/api/schools/:schoolId/curriculum',
      {
        config,
        schema: {
          tags,
          summary: 'Add a curriculum entry',
          params: SchoolParams,
          body: CurriculumCreateBody,
          response: { 201: CurriculumSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCurriculum(deps, actorOf(request), request.params.schoolId, request.body)),
    );
    app.patch(
      '/api/schools/:schoolId/curriculum/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change a curriculum entry (subject, teacher, hours)',
          params: SchoolItemParams,
          body: CurriculumPatchBody,
          response: { 200: CurriculumSchema, ...STRUCTURE_ERRORS },
        },
      },
      async (request) => updateCurriculum(deps, actorOf(request), request.params.schoolId, request.params.id, request.body),
    );
    app.delete(
      '/api/schools/:schoolId/curriculum/:id',
      {
        config,
        schema: { tags, summary: 'Delete a curriculum entry', params: SchoolItemParams, response: { ...NO_CONTENT, ...STRUCTURE_ERRORS } },
      },
      async (request, reply) => {
        await deleteCurriculum(deps, actorOf(request), request.params.schoolId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
