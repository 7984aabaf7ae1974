// Official-equivalent evaluation: NExT-QA's eval_mc.py (per type, C/T/D, overall; ATP-hard) and AGQA 2.0.
export { readPredictions, resolvePredictionsPath, type Prediction, type PredictionFile } from './read-predictions.js';
export { matchPredictions } from './match-predictions.js';
export { nextqaAccuracy, toAccuracyJson, type NextQAAccuracy, type NextQAAccuracyJson, type Tally } from './nextqa-accuracy.js';
export { formatAccuracyTable } from './format-accuracy-table.js';
export { runEval, type RunEvalOptions, type RunEvalResult } from './run-eval.js';
export { runAGQAEval, type RunAGQAEvalOptions, type RunAGQAEvalResult } from './run-agqa-eval.js';
