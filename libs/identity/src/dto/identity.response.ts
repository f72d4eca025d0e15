import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import { RecordResponse, TenantRecordResponse } from '@assay/core';
import type { ApiKey } from '../entities/api-key.entity';
import type { Tenant, TenantLocale } from '../entities/tenant.entity';
import type { User, UserStatus } from '../entities/user.entity';
import { TokenPairDto } from './auth.dto';

const TENANT_LOCALES: TenantLocale[] = ['zh-CN', 'en'];

export class TenantResponse extends RecordResponse implements Tenant {
  @ApiProperty({ description: "The company's short id, used at login when an email has accounts in several companies.", example: 'xinghe' })
  slug!: string;

  @ApiProperty({ example: '星河电商' })
  name!: string;

  @ApiProperty({ enum: TENANT_LOCALES, description: 'Default language of emails and candidate pages.' })
  locale!: TenantLocale;

  @ApiProperty({ type: 'integer', example: 365, description: "Days a candidate's personal data is kept after their last activity; then it is erased (docs/privacy.md)." })
  candidateDataRetentionDays!: number;
}

/** A staff member; the password hash is never sent. */
export class UserResponse extends TenantRecordResponse implements Omit<User, 'passwordHash'> {
  @ApiProperty({ example: 'hr@xinghe.example' })
  email!: string;

  @ApiProperty({ example: '王敏' })
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  roles!: StaffRole[];

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: UserStatus;

  @ApiProperty({ type: Date, nullable: true })
  lastLoginAt!: Date | null;
}

export class CreatedUserResponse extends UserResponse {
  @ApiPropertyOptional({ description: 'Only when no password was given: the generated one, shown this once.' })
  temporaryPassword?: string;
}

/** An API key as listed: only its prefix identifies it. */
export class ApiKeyResponse extends TenantRecordResponse implements Omit<ApiKey, 'secretHash'> {
  @ApiProperty({ example: 'ATS integration' })
  name!: string;

  @ApiProperty({ description: 'The first characters of the key, to tell keys apart.', example: 'ak_3f9a' })
  prefix!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true, description: 'Roles the key acts with.' })
  scopes!: StaffRole[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff member who created it.' })
  createdBy!: string | null;

  @ApiProperty({ type: Date, nullable: true, description: 'Recorded to the minute.' })
  lastUsedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  expiresAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  revokedAt!: Date | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The whole key, shown this once; send it as `Authorization: Bearer <key>`.' })
  key!: string;
}

export class SignupResponse extends TokenPairDto {
  @ApiProperty({ type: TenantResponse })
  tenant!: TenantResponse;
}

export class MeResponse {
  @ApiProperty({ type: TenantResponse })
  tenant!: TenantResponse;

  @ApiProperty({ type: UserResponse, nullable: true, description: 'Null when the credential is an API key.' })
  user!: UserResponse | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set when the credential is an API key.' })
  apiKeyId!: string | null;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  roles!: StaffRole[];
}
