import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompetenciesController, JobRolesController } from './catalog.controller';
import { CompetenciesService, JobRolesService } from './catalog.service';
import { Competency } from './entities/competency.entity';
import { JobRole } from './entities/job-role.entity';

@Module({
  imports: [TypeOrmModule.forFeature([JobRole, Competency])],
  controllers: [JobRolesController, CompetenciesController],
  providers: [JobRolesService, CompetenciesService],
  exports: [JobRolesService, CompetenciesService],
})
export class CatalogModule {}
