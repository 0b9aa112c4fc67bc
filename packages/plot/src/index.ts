/**
 * @strata/plot: pictures of models and training runs, as SVG or PNG (rendered by resvg's WebAssembly
 * build with a bundled font: no browser, no native code).
 *
 * @example
 * ```ts
 * import { plotHistory, plotModel } from '@strata/plot';
 * await plotModel(model, { file: 'model.png', showShapes: true });
 * await plotHistory(await model.fit(x, y, { epochs: 5 }), { file: 'history.svg' });
 * ```
 */
export { plotModel, type PlotModelOptions } from './plot-model.js';
export { plotHistory, ticks, type PlotHistoryOptions } from './plot-history.js';
export { modelGraph, type ModelGraph, type GraphNode } from './model-graph.js';
export { svgToPng } from './png.js';
