/** Where a command writes: standard output and standard error (tests pass collectors). */
export interface CommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * A progress bar on standard error for work in known steps, one line per step:
 * `[=====>    ] 2/4 writing shards`.
 */
export class StepProgress {
  #done = 0;
  constructor(
    private readonly io: CommandIO,
    private readonly total: number,
  ) {}

  /** Marks the start of the next step. */
  step(label: string): void {
    this.#done++;
    const width = 20;
    const filled = Math.round((width * (this.#done - 1)) / this.total);
    const bar = `[${'='.repeat(filled)}${filled < width ? '>' : ''}${' '.repeat(Math.max(0, width - filled - 1))}]`;
    this.io.err(`${bar} ${this.#done}/${this.total} ${label}`);
  }
}
