import { subscribeDiary } from './diary/diary.subscriptions.js';
import { subscribeJournal } from './journal/journal.subscriptions.js';
import { subscribeNotifications } from './notifications/notifications.subscriptions.js';

/**
 * Every module's change subscribers, installed once per process before the first write (the
 * server, the CLI and the worker all build the app through buildApp, which calls this).
 */
export function installChangeSubscribers(): void {
  subscribeDiary();
  subscribeJournal();
  subscribeNotifications();
}
