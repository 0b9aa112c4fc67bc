/**
 * Registers tfjs-core's gradient functions (a side effect tfjs-core leaves to its umbrella package).
 * `#gradients` is the source file under the `strata-source` condition and a prebuilt bundle otherwise.
 */
import '#gradients';
