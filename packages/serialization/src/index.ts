/**
 * @strata/serialization: Keras JSON configs now; `.keras`, legacy `.h5` and TensorFlow.js
 * `model.json` formats and IO handlers build on this mapping.
 */
export { toKerasJson, fromKerasJson, type JsonValue } from './keras-json.js';
