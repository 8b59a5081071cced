import type {
  ContactSchema,
  DeliveryLogEntry,
  FeedSchema,
  NoticeSchema,
  NotifySettingsInput,
  NotifySettingsSchema,
  SmsUsageSchema,
} from '@contract/schemas/notifications';
import type { Static } from '@sinclair/typebox';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { type Query, resourcePath, resourceQuery, useResourceMutation } from '../../../lib/resource';

/**
 * Notifications (issue 13; server/modules/notifications): the family's settings per child under
 * /api/schools/:schoolId/notifications, the account's own contacts, feed and history under
 * /api/notifications, and the administrator's delivery log.
 */
export type NotifySettings = Static<typeof NotifySettingsSchema>;
export type NotifySettingsBody = Static<typeof NotifySettingsInput>;
export type Contact = Static<typeof ContactSchema>;
export type Notice = Static<typeof NoticeSchema>;
export type Feed = Static<typeof FeedSchema>;
export type LogEntry = Static<typeof DeliveryLogEntry>;
export type SmsUsage = Static<typeof SmsUsageSchema>;

const MINE = ['notifications', 'mine'] as const;

export const useNotifySettings = (schoolId: string) =>
  useQuery(resourceQuery<{ items: NotifySettings[] }>(schoolId, 'notifications/settings'));

export const useSaveNotifySettings = (schoolId: string, studentId: string) =>
  useResourceMutation(schoolId, (body: NotifySettingsBody) =>
    api.put<NotifySettings>(`${resourcePath(schoolId, 'notifications/settings')}/${encodeURIComponent(studentId)}`, body),
  );

export const useContacts = () =>
  useQuery({
    queryKey: [...MINE, 'contacts'],
    queryFn: ({ signal }) => api.get<{ items: Contact[] }>('/api/notifications/contacts', undefined, signal),
  });

export const useFeed = () =>
  useQuery({
    queryKey: [...MINE, 'feed'],
    queryFn: ({ signal }) => api.get<Feed>('/api/notifications/feed', undefined, signal),
    refetchInterval: 30_000,
  });

export const useHistory = () =>
  useQuery({
    queryKey: [...MINE, 'history'],
    queryFn: ({ signal }) => api.get<{ items: Notice[] }>('/api/notifications/history', undefined, signal),
    refetchInterval: 15_000,
  });

/** A write to the account's own notification data; refreshes contacts, feed and history. */
function useMineMutation<TInput, TResult>(run: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: MINE }) });
}

export const useSetContact = (channel: 'email' | 'sms') =>
  useMineMutation((address: string) => api.put<Contact>(`/api/notifications/contacts/${channel}`, { address }));
export const useRemoveContact = (channel: 'email' | 'sms') => useMineMutation(() => api.delete(`/api/notifications/contacts/${channel}`));
export const useConfirmSms = () =>
  useMineMutation((code: string) => api.post<Contact>('/api/notifications/contacts/sms/confirm', { code }));
export const useMarkFeedRead = () => useMineMutation(() => api.post<void>('/api/notifications/feed/read'));

/** The e-mail link's page: the token is in the address's fragment, which never reaches a server log. */
export const confirmEmail = (token: string) => api.post<{ verified: boolean }>('/api/notifications/contacts/email/confirm', { token });

export const useDeliveryLog = (schoolId: string, query: Query) =>
  useQuery({ ...resourceQuery<{ items: LogEntry[] }>(schoolId, 'notifications/log', query), refetchInterval: 10_000 });
export const useSmsUsage = (schoolId: string) => useQuery(resourceQuery<SmsUsage>(schoolId, 'notifications/sms-usage'));
export const useSetSmsBudget = (schoolId: string) =>
  useResourceMutation(schoolId, (budget: number | null) =>
    api.put<SmsUsage>(resourcePath(schoolId, 'notifications/sms-budget'), { budget }),
  );
export const useSendTest = (schoolId: string) =>
  useResourceMutation(schoolId, (body: { channel: 'email' | 'sms'; address: string }) =>
    api.post<{ id: string; status: string }>(resourcePath(schoolId, 'notifications/test'), body),
  );
