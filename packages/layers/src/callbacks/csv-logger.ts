import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/**
 * Streams epoch results to a CSV file (Node only): a header `epoch,<sorted keys>`, then one row per epoch.
 * @example `new CSVLogger('training.log', { append: true })`
 */
export class CSVLogger extends Callback {
  readonly separator: string;
  readonly append: boolean;
  #keys: string[] | undefined;
  #write: ((text: string, append: boolean) => Promise<void>) | undefined;
  #headerWritten = false;

  constructor(
    readonly filename: string,
    options: { separator?: string; append?: boolean } = {},
  ) {
    super();
    this.separator = options.separator ?? ',';
    this.append = options.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await import('node:fs/promises');
    this.#write = async (text, append) =>
      append ? fs.appendFile(this.filename, text) : fs.writeFile(this.filename, text);
    let hasHeader = false;
    if (this.append)
      hasHeader = await fs.stat(this.filename).then(
        (s) => s.size > 0,
        () => false,
      );
    this.#keys = undefined;
    if (!this.append) await this.#write('', false);
    this.#headerWritten = hasHeader;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.#keys ??= Object.keys(logs).sort();
    let text = '';
    if (!this.#headerWritten) {
      text += ['epoch', ...this.#keys].join(this.separator) + '\n';
      this.#headerWritten = true;
    }
    text +=
      [String(epoch), ...this.#keys.map((k) => (logs[k] === undefined ? 'NA' : String(logs[k])))].join(this.separator) +
      '\n';
    await this.#write!(text, true);
  }
}
