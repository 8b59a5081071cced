import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SchoolParams } from '../../../contract/schemas/common.js';
import {
  ChannelParams,
  CodeInput,
  ContactInput,
  ContactSchema,
  DeliveryLogEntry,
  DeliveryLogQuery,
  FeedSchema,
  NoticeSchema,
  NotifySettingsInput,
  NotifySettingsSchema,
  SmsBudgetInput,
  SmsUsageSchema,
  StudentParams,
  TestSendInput,
  TokenInput,
  TokenParams,
} from '../../../contract/schemas/notifications.js';
import { actorOf } from '../../http/auth-gate.js';
import type { Deps } from '../../lib/deps.js';
import {
  confirmEmailLink,
  confirmSmsCode,
  deliveryLog,
  listContacts,
  listSettings,
  markFeedRead,
  noticeFeed,
  noticeHistory,
  removeContact,
  saveSettings,
  sendTest,
  setContact,
  setSmsBudget,
  smsUsage,
  unsubscribeByToken,
} from './notifications.service.js';

const auth = { access: 'authenticated' } as const;
const open = { access: 'public' } as const;
const tags = ['notifications'];
const school = '/api/schools/:schoolId/notifications';
const mine = '/api/notifications';

export function notificationsRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // RFC 8058: a mail provider's one-click unsubscribe POSTs "List-Unsubscribe=One-Click" as a form.
    // The token in the path is all that counts, so the body is read as text and not used; other
    // routes of this plugin keep their JSON schemas, which a form body fails.
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
      app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    }
    app.get(
      `${school}/settings`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'What reaches this family member about each of their children',
          params: SchoolParams,
          response: { 200: Type.Object({ items: Type.Array(NotifySettingsSchema) }) },
        },
      },
      async (request) => ({ items: await listSettings(deps, actorOf(request), request.params.schoolId) }),
    );
    app.put(
      `${school}/settings/:studentId`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Choose events, channels, quiet hours and language for one child',
          params: StudentParams,
          body: NotifySettingsInput,
          response: { 200: NotifySettingsSchema },
        },
      },
      async (request) => saveSettings(deps, actorOf(request), request.params.schoolId, request.params.studentId, request.body),
    );
    app.get(
      `${mine}/contacts`,
      {
        config: auth,
        schema: { tags, summary: 'My e-mail and phone for notices', response: { 200: Type.Object({ items: Type.Array(ContactSchema) }) } },
      },
      async (request) => ({ items: await listContacts(deps, actorOf(request)) }),
    );
    app.put(
      `${mine}/contacts/:channel`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Set an e-mail or phone: a link or a 6-digit code is sent to it',
          params: ChannelParams,
          body: ContactInput,
          response: { 200: ContactSchema },
        },
      },
      async (request) => setContact(deps, actorOf(request), request.params.channel, request.body.address),
    );
    app.delete(
      `${mine}/contacts/:channel`,
      { config: auth, schema: { tags, summary: 'Forget an e-mail or phone', params: ChannelParams } },
      async (request, reply) => {
        await removeContact(deps, actorOf(request), request.params.channel);
        return reply.status(204).send();
      },
    );
    app.post(
      `${mine}/contacts/sms/confirm`,
      { config: auth, schema: { tags, summary: 'Type back the code sent by SMS', body: CodeInput, response: { 200: ContactSchema } } },
      async (request) => confirmSmsCode(deps, actorOf(request), request.body.code),
    );
    app.post(
      `${mine}/contacts/email/confirm`,
      {
        config: open,
        schema: {
          tags,
          summary: 'Open the link sent by e-mail (the token proves the mailbox)',
          body: TokenInput,
          response: { 200: Type.Object({ channel: Type.String(), verified: Type.Boolean() }) },
        },
      },
      async (request) => confirmEmailLink(deps, request.body.token),
    );
    app.post(
      `${mine}/unsubscribe/:token`,
      { config: open, schema: { tags, summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post)', params: TokenParams } },
      async (request, reply) => {
        await unsubscribeByToken(deps, request.params.token);
        return reply.status(204).send();
      },
    );
    app.get(
      `${mine}/feed`,
      { config: auth, schema: { tags, summary: 'My in-app notices and the unread count', response: { 200: FeedSchema } } },
      async (request) => noticeFeed(deps, actorOf(request)),
    );
    app.post(`${mine}/feed/read`, { config: auth, schema: { tags, summary: 'Mark my in-app notices read' } }, async (request, reply) => {
      await markFeedRead(deps, actorOf(request));
      return reply.status(204).send();
    });
    app.get(
      `${mine}/history`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'My e-mail and SMS notices with their status',
          response: { 200: Type.Object({ items: Type.Array(NoticeSchema) }) },
        },
      },
      async (request) => ({ items: await noticeHistory(deps, actorOf(request)) }),
    );
    app.get(
      `${school}/log`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'The delivery log: status, channel, dates; the reason of each failure',
          params: SchoolParams,
          querystring: DeliveryLogQuery,
          response: { 200: Type.Object({ items: Type.Array(DeliveryLogEntry) }) },
        },
      },
      async (request) => ({ items: await deliveryLog(deps, actorOf(request), request.params.schoolId, request.query) }),
    );
    app.get(
      `${school}/sms-usage`,
      {
        config: auth,
        schema: {
          tags,
          summary: "This month's SMS parts, the budget, the channels",
          params: SchoolParams,
          response: { 200: SmsUsageSchema },
        },
      },
      async (request) => smsUsage(deps, actorOf(request), request.params.schoolId),
    );
    app.put(
      `${school}/sms-budget`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'The monthly SMS budget in parts',
          params: SchoolParams,
          body: SmsBudgetInput,
          response: { 200: SmsUsageSchema },
        },
      },
      async (request) => setSmsBudget(deps, actorOf(request), request.params.schoolId, request.body.budget),
    );
    app.post(
      `${school}/test`,
      {
        config: auth,
        schema: {
          tags,
          summary: 'Send a test message through a channel (the log shows the outcome)',
          params: SchoolParams,
          body: TestSendInput,
          response: { 202: Type.Object({ id: Type.String(), status: Type.String() }) },
        },
      },
      async (request, reply) => reply.status(202).send(await sendTest(deps, actorOf(request), request.params.schoolId, request.body)),
    );
  };
}
