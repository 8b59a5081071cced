import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadConfigOrExit, startServer } from '../main.js';

const USAGE = `otmetka <command>

Commands:
  serve [--demo]       migrate, then start the server (with --demo: create the demo school on an empty database)
  migrate              bring the database schema up to date
  demo [--reset]       create the demo school (with --reset: wipe the demo database first)
  backup [--drill]     write a backup archive to BACKUP_DIR while the server runs (--drill: restore it into a scratch place and verify)
  restore FILE [--force]  restore a backup into an empty database and DATA_DIR, then verify it (--force: over what they hold)
  audit verify         check the hash chains of the audit log and the grade history; name the first broken link
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfigOrExit();
  switch (command) {
    case 'serve': {
      const withDemo = rest.includes('--demo');
      const demo = withDemo ? await import('./demo.js') : null;
      let outcome: import('./demo.js').DemoOutcome | null = null;
      const server = await startServer(config, async (deps) => {
        if (demo) outcome = await demo.ensureDemo(deps);
      });
      // Printed once the server listens, so the address in it already answers.
      if (demo && outcome) console.log(demo.demoLoginHelp(server.url || config.publicUrl, outcome));
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return -1;
    }
    case 'migrate': {
      const database = connect(config.databaseUrl);
      try {
        const applied = await migrateToLatest(database.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') {
        console.error(`Unknown audit command "${rest[0] ?? ''}".\n\n${USAGE}`);
        return 1;
      }
      const { runAuditVerify } = await import('./audit-verify.js');
      return runAuditVerify(config);
    }
    case 'backup': {
      const { runBackupCommand } = await import('./backup.js');
      return runBackupCommand(config, rest);
    }
    case 'restore': {
      const { runRestoreCommand } = await import('./backup.js');
      return runRestoreCommand(config, rest);
    }
    case 'demo': {
      const { runDemoCommand } = await import('./demo.js');
      return runDemoCommand(config, rest.includes('--reset'));
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
