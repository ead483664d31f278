/**
 * `--handler-logs FILE` (docs/handlers.md): every line handler code logged,
 * in the order the runs ended in simulated time, each with the simulated time
 * it was written (the run's start plus the measured offset × the run's scale),
 * the function, the request id and the level, tab-separated as CloudWatch
 * Logs shows Lambda's lines:
 *
 *     2026-01-05T00:00:01.234Z	resize	4f6c…	INFO	resized to 128x128
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { HandlerLogLine } from '../core/lambda/handler-calls.js';

export interface HandlerLogSink {
  write(lines: readonly HandlerLogLine[], startMs: number, requestId: string, functionName: string, scale: number): void;
  close(): void;
}

const FLUSH_AT = 1 << 16;

export class HandlerLogFile implements HandlerLogSink {
  private readonly fd: number;
  private buffer = '';

  /** Opens (truncates) `file`; throws the fs error when it cannot be written. */
  constructor(
    file: string,
    /** Epoch ms of simulated t = 0. */
    private readonly startEpochMs: number,
  ) {
    this.fd = openSync(file, 'w');
  }

  write(lines: readonly HandlerLogLine[], startMs: number, requestId: string, functionName: string, scale: number): void {
    for (const [offsetMs, level, text] of lines) {
      const at = new Date(this.startEpochMs + startMs + offsetMs * scale).toISOString();
      this.buffer += `${at}\t${functionName}\t${requestId}\t${level}\t${text.replaceAll('\n', '\r')}\n`;
    }
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer === '') return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
