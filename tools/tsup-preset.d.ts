import type { Options } from 'tsup';
export declare function libraryConfig(entry: string[]): Options;
export declare function appConfig(entry: string[]): Options;
