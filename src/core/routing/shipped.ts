// The cold-start classifier shipped with the extension (models/router/weights.json, trained by
// test/bench/routerTrain.ts on the labelled set). Undefined when the file does not fit the
// feature list of this build: the router then falls back to its rules alone.
import shippedJson from '../../../models/router/weights.json';
import { type RouterWeights, weightsProblem } from './classifier';

export function shippedWeights(): RouterWeights | undefined {
  return weightsProblem(shippedJson) === undefined ? (shippedJson as unknown as RouterWeights) : undefined;
}
