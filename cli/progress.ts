/**
 * The progress bar of a long run: simulated time reached against the run's
 * horizon, and events per second, redrawn at most ten times a second on the
 * terminal's error stream. Drawn only on a terminal and never with --quiet.
 */
import { formatDuration } from '../core/units.js';

export interface ProgressBar {
  update(nowMs: number, events: number): void;
  done(): void;
}

const WIDTH = 24;
const REDRAW_MS = 100;
/** Runs shorter than this (wall time) show no bar at all. */
const SHOW_AFTER_MS = 300;

export function progressBar(stream: NodeJS.WriteStream, horizonMs: number, enabled: boolean): ProgressBar {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(nowMs, events) {
      const wall = performance.now() - started;
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

function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(1)}M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(0)}k`;
  return rate.toFixed(0);
}
