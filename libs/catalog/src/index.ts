export * from './catalog.module';
export * from './catalog.service';
export * from './entities/job-role.entity';
export * from './entities/competency.entity';
