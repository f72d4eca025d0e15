export * from './staff-role';
export * from './question';
export * from './statuses';
export * from './spreadsheet-cell';
export * from './candidate-report-labels';
