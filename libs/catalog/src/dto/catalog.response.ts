import { ApiProperty } from '@nestjs/swagger';
import { TenantRecordResponse } from '@assay/core';
import type { Competency } from '../entities/competency.entity';
import type { JobRole } from '../entities/job-role.entity';

export class CompetencyResponse extends TenantRecordResponse implements Competency {
  @ApiProperty({ example: '沟通表达' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;
}

export class JobRoleResponse extends CompetencyResponse implements JobRole {
  @ApiProperty({ type: Date, nullable: true, description: 'Set while archived: hidden from lists unless `archived=true`.' })
  archivedAt!: Date | null;
}
