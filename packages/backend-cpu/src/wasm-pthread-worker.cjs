// The body of each pthread worker of tfjs's threaded wasm module in Node (worker_threads). tfjs ships this
// code only as a string (it runs it from a Blob URL in browsers, which Node's Worker cannot load), so this
// file runs that string. '\n' inside it must stay an escape, as tfjs's own loader does.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker body, loaded by Node's Worker */
const {
  wasmWorkerContents,
} = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
new Function('require', '__filename', wasmWorkerContents.replace(/\n/g, '\\n'))(require, __filename);
