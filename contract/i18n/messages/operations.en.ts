import type { ru } from './operations.js';

/** English texts of this area: exactly the keys of the Russian reference (operations.ts). */
export const en: Record<keyof typeof ru, string> = {
  'operations.menu': 'Backups',
  'operations.description': 'Backups of the database and attachments, restore drills',
  'operations.title': 'Backups',
  'operations.intro':
    'The database and the attachments are copied while the system runs. After each backup the system restores it into a scratch place and checks it against its manifest: the restore drill.',
  'operations.schedule': 'Every day at {time} UTC; the last {keep} are kept.',
  'operations.scheduleOff': 'The schedule is off (BACKUP_TIME=off); the last {keep} are kept.',
  'operations.encrypted': 'Backups are encrypted with BACKUP_KEY.',
  'operations.notEncrypted': 'Backups are not encrypted: keep them where no outsider can reach them — they hold personal data.',
  'operations.run': 'Back up now',
  'operations.running': 'Backing up…',
  'operations.alarm': 'Warning: the last restore drill or the last backup failed. The data may not be restorable from it.',
  'operations.empty': 'No backups yet.',
  'operations.col.when': 'When',
  'operations.col.size': 'Size',
  'operations.col.result': 'Result',
  'operations.col.drill': 'Restore drill',
  'operations.trigger.schedule': 'scheduled',
  'operations.trigger.manual': 'by hand',
  'operations.trigger.cli': 'from the command line',
  'operations.status.running': 'Running',
  'operations.status.ok': 'Done',
  'operations.status.failed': 'Failed',
  'operations.drill.ok': 'Restored and verified ({seconds} s)',
  'operations.drill.failed': 'Does not restore',
  'operations.drill.none': 'Not drilled yet',
  'operations.pruned': 'deleted by retention',
  'operations.sizeMb': '{size} MB',
};
