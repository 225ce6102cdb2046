// A one-line progress bar on stderr for long runs; silent when stderr is not a terminal.
export class ProgressBar {
  private readonly enabled: boolean;
  private lastWidth = 0;

  constructor(enabled = Boolean(process.stderr.isTTY)) {
    this.enabled = enabled;
  }

  /** Redraws the bar: `fraction` in [0, 1] and a status text. */
  update(fraction: number, status: string): void {
    if (!this.enabled) return;
    const cells = 24;
    const filled = Math.max(0, Math.min(cells, Math.round(fraction * cells)));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(cells - filled)}] ${status}`;
    const columns = process.stderr.columns ?? 100;
    const text = line.slice(0, columns - 1);
    process.stderr.write(`\r${text}${' '.repeat(Math.max(0, this.lastWidth - text.length))}`);
    this.lastWidth = text.length;
  }

  /** Clears the bar so that the next output starts on a clean line. */
  done(): void {
    if (!this.enabled || this.lastWidth === 0) return;
    process.stderr.write(`\r${' '.repeat(this.lastWidth)}\r`);
    this.lastWidth = 0;
  }
}
