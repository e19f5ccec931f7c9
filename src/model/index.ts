/** The normalised shapes that cross stage boundaries. Stages import these, never each other's internals. */
export * from './target';
export * from './alert';
export * from './evidence';
export * from './appConfig';
export * from './finding';
export * from './diagnosis';
