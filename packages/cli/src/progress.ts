import type { TrainProgress } from '@accelgan/train';
/**
 * One status line on stderr: redrawn in place on a terminal, printed at most every
 * `intervalSeconds` otherwise (logs, CI). Hand-written because the libraries we
 * looked at (cli-progress, progress) either drop non-TTY output or print every tick.
 */
export class StatusLine {
  private lastPrint = 0;
  private drawn = false;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalSeconds = 10,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(text: string, force = false): void {
    const now = performance.now() / 1000;
    if (this.tty) {
      if (!force && now - this.lastPrint < 0.1) return;
      this.stream.write(`\r\x1b[2K${text}`);
      this.drawn = true;
    } else {
      if (!force && now - this.lastPrint < this.intervalSeconds) return;
      this.stream.write(`${text}\n`);
    }
    this.lastPrint = now;
  }

  /** Ends the redrawn line so later output starts on a fresh one. */
  done(): void {
    if (this.tty && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

/** 75 → "1m15s", 3700 → "1h01m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A text bar of `width` cells for a fraction in [0, 1]. */
export function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** One training step's status line: bar, step, losses, speed, elapsed and ETA (`train`, `augment`). */
export function trainingProgressText(p: TrainProgress): string {
  const fraction = p.targetSteps
    ? p.step / p.targetSteps
    : p.etaSeconds != null
      ? p.elapsedSeconds / (p.elapsedSeconds + p.etaSeconds)
      : 0;
  const eta = p.etaSeconds != null ? ` eta ${formatDuration(p.etaSeconds)}` : '';
  return (
    `${bar(fraction)} step ${p.step}${p.targetSteps ? `/${p.targetSteps}` : ''}` +
    ` d_loss ${p.losses.dLoss.toFixed(3)} g_loss ${p.losses.gLoss.toFixed(3)}` +
    ` ${p.stepsPerSecond.toFixed(1)} it/s elapsed ${formatDuration(p.elapsedSeconds)}${eta}`
  );
}
