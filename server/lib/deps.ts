import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/dialect.js';
import type { Clock } from './clock.js';

/** What every service needs: the database, its dialect helpers, a clock and the configuration. */
export interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
}
