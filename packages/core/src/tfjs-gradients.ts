/** Source-mode entry of `#gradients`: tfjs-core's gradient registrations, loaded through the bundler. */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
