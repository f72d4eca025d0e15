import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import { PageQueryDto } from '@assay/core';
import { CANDIDATE_RETENTION_DAYS } from '../entities/tenant.entity';
import type { UserStatus } from '../entities/user.entity';

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive text contained in the name or the email.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ApiKeyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive text contained in the name or the prefix (`ak_…`) shown in the list.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles!: StaffRole[];

  @ApiPropertyOptional({ description: "Initial password; when absent a temporary one is generated and returned once. At least 10 characters and hard to guess: zxcvbn strength 3 of 4, not made of the account's email, name or company (a few unrelated words work well)." })
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles?: StaffRole[];

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: UserStatus;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ATS integration' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true, description: 'Roles the key acts with.' })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  scopes!: StaffRole[];

  @ApiPropertyOptional({ description: 'Days until the key expires; absent means no expiry.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class UpdateTenantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: CANDIDATE_RETENTION_DAYS.min,
    maximum: CANDIDATE_RETENTION_DAYS.max,
    description: "Days a candidate's personal data is kept after their last activity; then it is erased (docs/privacy.md).",
  })
  @IsOptional()
  @IsInt()
  @Min(CANDIDATE_RETENTION_DAYS.min)
  @Max(CANDIDATE_RETENTION_DAYS.max)
  candidateDataRetentionDays?: number;
}
