export * from './papers.module';
export * from './papers.service';
export * from './publishing.service';
export * from './published-papers';
export * from './paper-snapshot';
export * from './paper-validation';
export * from './candidate-paper';
export { toImportedPaper } from './paper-interchange';
export { DEFAULT_PAPER_SETTINGS, type PaperSettings } from './entities/paper.entity';
