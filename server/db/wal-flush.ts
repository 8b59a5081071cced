import fs from 'node:fs';

/**
 * Makes a SQLite write-ahead log durable off the event loop. The writer connection runs with
 * synchronous=NORMAL, so a COMMIT only hands its frames to the operating system; the caller is
 * answered after `flush()`, an fdatasync of the -wal file on libuv's thread pool. That is the
 * guarantee synchronous=FULL gives (the log is on the disk before the write is acknowledged)
 * without stopping every request of the process for the length of a disk flush.
 *
 * Flushes coalesce: callers that arrive while one is running share the next one, which starts
 * after it and so covers every frame they wrote.
 */
export class WalFlusher {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private count = 0;

  constructor(private readonly walPath: string) {}

  /** How many fdatasync calls have completed (tests count them). */
  get flushes(): number {
    return this.count;
  }

  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.sync().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.next) {
      this.next = this.running.then(
        () => this.startNext(),
        () => this.startNext(),
      );
    }
    return this.next;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private startNext(): Promise<void> {
    this.next = null;
    return this.flush();
  }

  private async sync(): Promise<void> {
    const fd = this.fd ?? this.open();
    // No log yet means nothing was written through it: nothing to make durable.
    if (fd === null) return;
    await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
    this.count++;
  }

  private open(): number | null {
    try {
      this.fd = fs.openSync(this.walPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return this.fd;
  }
}
