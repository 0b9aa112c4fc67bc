/**
 * @strata/cli: the `strata` command (summary, convert, inspect, predict) as a library, for scripts
 * and tests: `await run(['convert', 'model.keras', 'web/model'], { out: console.log, err: console.error })`.
 */
export { run, MAIN_HELP } from './main.js';
export { parseArgs, parseSize, UsageError, type FlagSpec, type ParsedArgs } from './args.js';
export { detectFormat, loadAny, saveAs, customObjects, type ModelFormat } from './model-files.js';
export { compareModels } from './commands/convert.js';
export { readNpy, type NpyArray } from './npy.js';
export { StepProgress, type CommandIO } from './io.js';
export type { WeightStatistics } from './commands/inspect.js';
