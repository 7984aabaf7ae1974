export { expectTensorClose, expectArrayClose } from './expect-close.js';
export { expectNoTensorLeak, countNewTensors } from './expect-no-leak.js';
export { numericGradient, expectGradientMatchesFiniteDifference } from './finite-difference.js';
export { mulberry32 } from './mulberry32.js';
export { testBackend } from './test-backend.js';
