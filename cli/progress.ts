/**
 * Progress of a long run on the error stream, never with --quiet:
 * - on a terminal, a bar: simulated time reached against the run's traffic
 *   window, and events per second, redrawn at most ten times a second (runs
 *   shorter than 0.3 s of wall time show none);
 * - elsewhere (a CI log, a pipe, a file), one plain line every 5 s of wall
 *   time, so that a long run shows it is alive without flooding the log:
 *   `slsim: simulated 4h12m00s of 10h00m00s (42%) · 17,234,567 events · 4.0M events/s`.
 */
import { formatDuration } from '../core/units.js';

export interface ProgressBar {
  update(nowMs: number, events: number): void;
  done(): void;
}

export interface ProgressOptions {
  /** Wall clock in ms (tests pass a fake one). */
  clock?: () => number;
  /** Without a terminal: wall ms between two lines. */
  lineEveryMs?: number;
}

const WIDTH = 24;
const REDRAW_MS = 100;
/** Runs shorter than this (wall time) show no bar at all. */
const SHOW_AFTER_MS = 300;
/** Without a terminal, a line this often (wall time). */
export const LINE_EVERY_MS = 5000;

export function progressBar(stream: NodeJS.WriteStream, horizonMs: number, enabled: boolean, options: ProgressOptions = {}): ProgressBar {
  if (!enabled) return { update() {}, done() {} };
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  if (!stream.isTTY) return progressLines(stream, horizonMs, clock, started, options.lineEveryMs ?? LINE_EVERY_MS);
  let lastDraw = 0;
  let drawn = false;
  return {
    update(nowMs, events) {
      const wall = clock() - started;
      if (wall < SHOW_AFTER_MS || wall - lastDraw < REDRAW_MS) return;
      lastDraw = wall;
      drawn = true;
      const share = Math.min(1, nowMs / horizonMs);
      const filled = Math.round(share * WIDTH);
      const rate = events / (wall / 1000);
      stream.write(
        `\r  sim ${formatDuration(nowMs).padStart(9)} / ${formatDuration(horizonMs)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${formatRate(rate)} events/s `,
      );
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

/** No terminal: a line every `everyMs` of wall time, the first after `everyMs`. */
function progressLines(stream: NodeJS.WriteStream, horizonMs: number, clock: () => number, started: number, everyMs: number): ProgressBar {
  let next = started + everyMs;
  return {
    update(nowMs, events) {
      const wallNow = clock();
      if (wallNow < next) return;
      next = wallNow + everyMs;
      const wall = (wallNow - started) / 1000;
      const where =
        nowMs <= horizonMs
          ? `simulated ${formatDuration(nowMs)} of ${formatDuration(horizonMs)} (${Math.floor((nowMs / horizonMs) * 100)}%)`
          : `simulated ${formatDuration(nowMs)}, draining after ${formatDuration(horizonMs)} of traffic`;
      stream.write(`slsim: ${where} · ${events.toLocaleString('en-US')} events · ${formatRate(events / wall)} events/s\n`);
    },
    done() {},
  };
}

function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(1)}M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(0)}k`;
  return rate.toFixed(0);
}
