import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageOrCursorQueryDto } from '@assay/core';
import { INVITATION_STATUSES, type InvitationStatus } from '@assay/contracts';
import type { MailLocale } from '../entities/invitation.entity';

export class CandidateInputDto {
  @ApiProperty({ example: '张伟' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'zhang.wei@example.com' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ description: "The candidate's id in your ATS." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;
}

const toIntArray = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter((v) => v.trim() !== '').map((v) => Number(v)) : value;

/** The window and options shared by a single invitation and a bulk upload. */
export class InvitationTermsDto {
  @ApiPropertyOptional({ description: 'When the link starts working; default now.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  opensAt?: Date;

  @ApiProperty({ description: 'When the link stops working (an attempt never runs past it).' })
  @Type(() => Date)
  @IsDate()
  closesAt!: Date;

  @ApiPropertyOptional({ description: 'Extra time for accommodations, in percent (25 = +25%).', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(200)
  extraTimePercent?: number;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], description: "Email language; default the company's." })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: MailLocale;

  @ApiPropertyOptional({ type: [Number], description: 'Hours before the window closes at which to remind a candidate who has not started.', default: [24] })
  @IsOptional()
  @Transform(toIntArray)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(720, { each: true })
  reminderHours?: number[];
}

export class CreateInvitationDto extends InvitationTermsDto {
  @ApiProperty()
  @IsUUID()
  paperId!: string;

  @ApiProperty({ type: CandidateInputDto })
  @ValidateNested()
  @Type(() => CandidateInputDto)
  candidate!: CandidateInputDto;

  @ApiPropertyOptional({ description: "The invitation's id in your ATS (e.g. the application's); sent in webhooks, searchable." })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId?: string;
}

export class ExtendInvitationDto {
  @ApiProperty({ description: 'The new end of the window; must be later than the current one.' })
  @Type(() => Date)
  @IsDate()
  closesAt!: Date;
}

export class InvitationQueryDto extends PageOrCursorQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  paperId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  jobRoleId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @ApiPropertyOptional({ description: "The invitation's ATS id, exactly." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ description: "The candidate's ATS id, exactly." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  candidateExternalId?: string;

  @ApiPropertyOptional({ description: "Search in candidate name and email, and both ATS ids." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class FunnelQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  paperId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  jobRoleId?: string;
}
