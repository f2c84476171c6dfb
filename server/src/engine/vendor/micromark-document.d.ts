import type { InitialConstruct } from 'micromark-util-types';

/** micromark's document initializer, with lazy lines looked up in constant time (see the .js). */
export declare const document: InitialConstruct;
