import { Type } from '@sinclair/typebox';
import { Hhmm, Id, IsoDate, Nullable } from './common.js';

/** Events a family may choose to hear about (issue 13 item 1); digests are not sent yet. */
export const NOTIFY_EVENTS = ['grade', 'attendance', 'homework', 'periodGrade'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** Where a notice goes: an e-mail, an SMS, or the feed inside the app. */
export const NOTIFY_CHANNELS = ['email', 'sms', 'inapp'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
export const CONTACT_CHANNELS = ['email', 'sms'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const NOTIFY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export type NotifyStatus = (typeof NOTIFY_STATUSES)[number];

export const NOTIFY_LIMITS = { email: 254, phone: 16, code: 6, token: 64, feed: 100, log: 500 } as const;

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const EventChoice = Type.Object(
  { email: Type.Boolean(), sms: Type.Boolean(), inapp: Type.Boolean(), night: Type.Boolean() },
  { additionalProperties: false },
);

export const NotifySettingsInput = Type.Object(
  {
    events: Type.Object(
      {
        grade: EventChoice,
        attendance: EventChoice,
        homework: EventChoice,
        periodGrade: EventChoice,
      },
      { additionalProperties: false },
    ),
    quietFrom: Hhmm,
    quietTo: Hhmm,
    language: literals(['ru', 'en'] as const),
  },
  { additionalProperties: false },
);

export const NotifySettingsSchema = Type.Object({
  studentId: Type.String(),
  studentName: Type.String(),
  events: NotifySettingsInput.properties.events,
  quietFrom: Type.String(),
  quietTo: Type.String(),
  language: Type.String(),
});

export const StudentParams = Type.Object({ schoolId: Id, studentId: Id });
export const ChannelParams = Type.Object({ channel: literals(CONTACT_CHANNELS) });

export const ContactInput = Type.Object(
  { address: Type.String({ minLength: 3, maxLength: NOTIFY_LIMITS.email }) },
  { additionalProperties: false },
);
export const CodeInput = Type.Object({ code: Type.String({ minLength: 1, maxLength: 12 }) }, { additionalProperties: false });
export const TokenInput = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: NOTIFY_LIMITS.token }) },
  { additionalProperties: false },
);
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: NOTIFY_LIMITS.token }) });

export const ContactSchema = Type.Object({
  channel: Type.String(),
  address: Type.String(),
  verified: Type.Boolean(),
  /** Until when the code or link sent last may be used (unverified contacts only). */
  pendingUntil: Nullable(Type.String()),
});

export const NoticeSchema = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  studentId: Nullable(Type.String()),
  channel: Type.String(),
  event: Type.String(),
  status: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  reason: Nullable(Type.String()),
  attempts: Type.Number(),
  segments: Nullable(Type.Number()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  readAt: Nullable(Type.String()),
});

export const FeedSchema = Type.Object({ items: Type.Array(NoticeSchema), unread: Type.Number() });

export const DeliveryLogQuery = Type.Object(
  {
    status: Type.Optional(literals(NOTIFY_STATUSES)),
    channel: Type.Optional(literals(NOTIFY_CHANNELS)),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const DeliveryLogEntry = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  event: Type.String(),
  status: Type.String(),
  /** The recipient's address, masked (a log is no place for whole phone numbers). */
  recipient: Type.String(),
  reason: Nullable(Type.String()),
  attempts: Type.Number(),
  segments: Nullable(Type.Number()),
  provider: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
});

export const SmsUsageSchema = Type.Object({
  month: Type.String(),
  segments: Type.Number(),
  budget: Nullable(Type.Number()),
  overBudget: Type.Boolean(),
  channels: Type.Object({ email: Type.String(), sms: Type.String() }),
});

export const SmsBudgetInput = Type.Object(
  { budget: Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 })) },
  { additionalProperties: false },
);

export const TestSendInput = Type.Object(
  { channel: literals(CONTACT_CHANNELS), address: Type.String({ minLength: 3, maxLength: NOTIFY_LIMITS.email }) },
  { additionalProperties: false },
);
