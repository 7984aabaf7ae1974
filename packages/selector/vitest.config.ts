import { packageVitestConfig } from '../../vitest.shared.js';

export default packageVitestConfig('selector', import.meta.dirname);
