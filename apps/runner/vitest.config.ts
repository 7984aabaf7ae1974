import { packageVitestConfig } from '../../vitest.shared.js';

export default packageVitestConfig('runner', import.meta.dirname);
