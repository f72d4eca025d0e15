export * from './database';
export * from './smtp';
export * from './docx';
export * from './multipart';
export * from './fixtures';
export * from './wait';
export * from './ports';
export * from './browser';
