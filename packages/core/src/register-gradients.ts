/** Registers tfjs-core's gradient functions (a side effect tfjs-core leaves to its umbrella package). */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
