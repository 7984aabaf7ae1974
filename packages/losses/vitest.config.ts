import { packageVitestConfig } from '../../vitest.shared.js';

export default packageVitestConfig('losses', import.meta.dirname);
