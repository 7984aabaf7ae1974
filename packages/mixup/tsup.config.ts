import { libraryConfig } from '../../tools/tsup-preset.js';

export default libraryConfig(['src/index.ts']);
