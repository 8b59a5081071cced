import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, SchoolItemParams, SchoolParams } from '../../../contract/schemas/common.js';
import {
  MyStudentList,
  ParentLinkCreate,
  Student,
  StudentCreate,
  StudentList,
  StudentListQuery,
  StudentParentParams,
  StudentUpdate,
} from '../../../contract/schemas/people.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import { linkParent, unlinkParent } from './parents.service.js';
import { createStudent, getStudent, listStudents, myStudents, updateStudent } from './students.service.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function studentRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/schools/:schoolId/students',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Students the caller may see, with their class on the date (no contact data)',
          params: SchoolParams,
          querystring: StudentListQuery,
          response: { 200: StudentList, ...errors },
        },
      },
      async (request) => listStudents(deps, actorOf(request), request.params.schoolId, request.query),
    );

    app.get(
      '/api/schools/:schoolId/students/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "A student's full record (audited)",
          params: SchoolItemParams,
          response: { 200: Student, ...errors },
        },
      },
      async (request) => getStudent(deps, actorOf(request), request.params.schoolId, request.params.id),
    );

    app.post(
      '/api/schools/:schoolId/students',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Create a student, optionally enrolled in a class by an order',
          params: SchoolParams,
          body: StudentCreate,
          response: { 201: Student, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createStudent(deps, actorOf(request), request.params.schoolId, request.body as StudentCreate)),
    );

    app.patch(
      '/api/schools/:schoolId/students/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Change some fields of a student',
          params: SchoolItemParams,
          body: StudentUpdate,
          response: { 200: Student, ...errors },
        },
      },
      async (request) => updateStudent(deps, actorOf(request), request.params.schoolId, request.params.id, request.body as StudentUpdate),
    );

    app.post(
      '/api/schools/:schoolId/students/:id/parents',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Link a parent to the student with a kinship',
          params: SchoolItemParams,
          body: ParentLinkCreate,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await linkParent(deps, actorOf(request), request.params.schoolId, request.params.id, request.body as ParentLinkCreate);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/schools/:schoolId/students/:id/parents/:parentId',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: 'Unlink a parent from the student',
          params: StudentParentParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await unlinkParent(deps, actorOf(request), request.params.schoolId, request.params.id, request.params.parentId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/my/students',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['people'],
          summary: "The signed-in parent's children or the signed-in student, across schools, with today's class",
          response: { 200: MyStudentList },
        },
      },
      async (request) => ({ items: await myStudents(deps, actorOf(request)) }),
    );
  };
}
