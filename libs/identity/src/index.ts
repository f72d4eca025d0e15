export * from './identity.module';
export * from './auth.guard';
export * from './auth.service';
export * from './users.service';
export * from './entities/tenant.entity';
export * from './entities/user.entity';
