/**
 * `npm run check`: the API document (/api/openapi.json) against Redocly's recommended rules, so a
 * client generated from it works (issue 16.7). Builds the app without listening or a real database.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';

const database = connect('sqlite::memory:');
const config = { ...loadConfig({ DATABASE_URL: 'sqlite::memory:', SERVE_WEB: 'false', PORT: '0' }), databaseKind: database.kind };
const { app } = await buildApp({ config, database });
await app.ready();
const document = app.swagger();
await app.close();
await database.close();

const problems = await lintFromString({
  source: JSON.stringify(document),
  absoluteRef: 'openapi.json',
  config: await createConfig({ extends: ['recommended'] }),
});
const errors = problems.filter((p) => p.severity === 'error');
const byRule = new Map<string, number>();
for (const p of problems) byRule.set(`${p.severity} ${p.ruleId}`, (byRule.get(`${p.severity} ${p.ruleId}`) ?? 0) + 1);
for (const [rule, n] of [...byRule].sort()) console.log(`${n}\t${rule}`);
for (const p of errors.slice(0, Number(process.env.SHOW ?? 10))) {
  console.log(`${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
}
console.log(`OpenAPI: ${errors.length} errors, ${problems.length - errors.length} warnings (Redocly recommended)`);
process.exit(errors.length > 0 ? 1 : 0);
