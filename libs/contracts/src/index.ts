export * from './staff-role';
export * from './question';
export * from './statuses';
