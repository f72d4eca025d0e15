/** Pure statistics: Moodle's quiz statistics, item analysis, measurement error, norms and grader agreement. */
export * from './describe';
export * from './moodle';
export * from './items';
export * from './measurement';
export * from './agreement';
export * from './marks-table';
