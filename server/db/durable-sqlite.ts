import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import type { WalFlusher } from './wal-flush.js';

/**
 * The writer connection's durability (see WalFlusher). Every statement that ends a write — a
 * COMMIT, or a write outside any transaction — is followed by a flush of the log before its caller
 * goes on, so each acknowledged write is on the disk as with synchronous=FULL. A group commit may
 * instead take the flush as a promise (`deferNextFlush`, `takeDeferredFlush`): it frees the
 * connection for the next batch at once and answers its writers when the flush is done, so the
 * next batch's work overlaps this batch's disk flush.
 */
export class WalDurability {
  private deferNext = false;
  private deferred: Promise<void> | null = null;

  constructor(
    readonly flusher: WalFlusher,
    private readonly sqlite: SQLite.Database,
  ) {}

  /** Called inside a transaction, as its last step: its COMMIT will not wait for the flush. */
  deferNextFlush(): void {
    this.deferNext = true;
  }

  /**
   * The flush asked for by the last deferred COMMIT, to be taken after one's own deferred COMMIT.
   * Another deferred COMMIT may have come since; its flush was asked for later, so it covers
   * one's own COMMIT too. Never cleared for that reason.
   */
  takeDeferredFlush(): Promise<void> {
    return this.deferred ?? Promise.resolve();
  }

  /** A statement failed: a COMMIT that failed will not be flushed for its deferring caller. */
  statementFailed(sql: string): void {
    if (/^\s*(commit|end)\b/i.test(sql)) this.deferNext = false;
  }

  async afterStatement(sql: string, isReader: boolean): Promise<void> {
    if (this.sqlite.inTransaction) return;
    const ended = /^\s*(commit|end)\b/i.test(sql);
    if (/^\s*rollback\b/i.test(sql)) this.deferNext = false;
    if (!ended && (isReader || /^\s*(rollback|begin|savepoint|release)\b/i.test(sql))) return;
    if (ended && this.deferNext) {
      this.deferNext = false;
      this.deferred = this.flusher.flush();
      return;
    }
    this.deferNext = false;
    await this.flusher.flush();
  }
}

class DurableConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly durability: WalDurability,
    private readonly isReader: (sql: string) => boolean,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let result: QueryResult<R>;
    try {
      result = await this.inner.executeQuery<R>(query);
    } catch (error) {
      this.durability.statementFailed(query.sql);
      throw error;
    }
    await this.durability.afterStatement(query.sql, this.isReader(query.sql));
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class DurableDriver implements Driver {
  private connection: DurableConnection | null = null;

  constructor(
    private readonly inner: Driver,
    private readonly durability: WalDurability,
    private readonly isReader: (sql: string) => boolean,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.inner.acquireConnection();
    if (!this.connection) this.connection = new DurableConnection(inner, this.durability, this.isReader);
    return this.connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    return this.inner.savepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    return this.inner.rollbackToSavepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    return this.inner.releaseSavepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  async destroy(): Promise<void> {
    // Writers answered only after their flush; a last one may still be running.
    await this.durability.flusher.flush().catch(() => undefined);
    this.durability.flusher.close();
    await this.inner.destroy();
  }
}

/** Kysely's SQLite dialect with the writer connection's commits made durable by WalDurability. */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly durability: WalDurability,
    private readonly isReader: (sql: string) => boolean,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new DurableDriver(super.createDriver(), this.durability, this.isReader);
  }
}
