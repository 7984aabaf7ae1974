import { appConfig } from '../../tools/tsup-preset.js';

export default appConfig(['src/bin.ts', 'src/index.ts', 'src/backend.ts']);
