import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@assay/core';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCatalogEntryDto {
  @ApiProperty({ example: '电商客服经理' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

export class UpdateCatalogEntryDto {
  @ApiPropertyOptional()
  // Absent keeps the name; null is validated, and refused, like any other non-string.
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

export class CatalogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive text contained in the name.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class JobRoleQueryDto extends CatalogQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Include archived roles.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  archived = false;
}
