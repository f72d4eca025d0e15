import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsISO8601, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MARKING_MODES, TOLERANCE_KINDS, type MarkingMode } from '@assay/grading-rules';

/** The one round a grader may ask for: third marking is blind like any other, the lead's view takes it on purpose. */
export const CLAIMABLE_ROUNDS = ['third'] as const;

export class ToleranceDto {
  @ApiProperty({ enum: TOLERANCE_KINDS, description: 'points: absolute; share: a share (0..1) of the question points.' })
  @IsIn(TOLERANCE_KINDS)
  kind!: (typeof TOLERANCE_KINDS)[number];

  @ApiProperty({ minimum: 0, example: 2 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  value!: number;
}

export class GradingSettingsDto {
  @ApiProperty({ enum: MARKING_MODES })
  @IsIn(MARKING_MODES)
  mode!: MarkingMode;

  @ApiProperty({ type: ToleranceDto })
  @ValidateNested()
  @Type(() => ToleranceDto)
  tolerance!: ToleranceDto;

  @ApiProperty({ description: 'Whether graders may give half points.' })
  @IsBoolean()
  halfPoints!: boolean;

  @ApiProperty({ minimum: 0, maximum: 10000, description: 'After every N marks a grader gets one of their own earlier answers again (0: never).' })
  @IsInt()
  @Min(0)
  @Max(10000)
  selfCheckEvery!: number;
}

export class MarkDto {
  @ApiProperty({ type: [Number], description: 'One score per rubric criterion, in rubric order (one score for the whole question without a rubric).', example: [2.5, 4, 3] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { each: true })
  scores!: number[];

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

/** Which queue a claim takes from: the whole queue, one paper, one question, or its third marking. */
export class ClaimFilterDto {
  @ApiPropertyOptional({ description: 'Only tasks of this paper.' })
  @IsOptional()
  @IsUUID()
  paperId?: string;

  @ApiPropertyOptional({ description: 'Only tasks of this question (the queue of one question).' })
  @IsOptional()
  @IsUUID()
  questionId?: string;

  @ApiPropertyOptional({ enum: CLAIMABLE_ROUNDS, description: 'third: only answers waiting for a third mark (三评, the third-marking view; still blind: no earlier mark is shown).' })
  @IsOptional()
  @IsIn(CLAIMABLE_ROUNDS)
  round?: (typeof CLAIMABLE_ROUNDS)[number];
}

export class SubmitAndNextDto extends MarkDto {
  @ApiPropertyOptional({ description: 'The next task only from this paper.' })
  @IsOptional()
  @IsUUID()
  paperId?: string;

  @ApiPropertyOptional({ description: 'The next task only from this question.' })
  @IsOptional()
  @IsUUID()
  questionId?: string;

  @ApiPropertyOptional({ enum: CLAIMABLE_ROUNDS, description: 'The next task only of this round (third: the third-marking view).' })
  @IsOptional()
  @IsIn(CLAIMABLE_ROUNDS)
  round?: (typeof CLAIMABLE_ROUNDS)[number];
}

export class QueuesQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: "The start of the grader's day on their device: marks since then count as today (default: midnight UTC)." })
  @IsOptional()
  @IsISO8601({ strict: true })
  dayStart?: string;
}

export class FlagDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, example: '答案中含有联系方式' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class AssignmentDto {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({ description: 'Only this question of the paper; absent: every question.' })
  @IsOptional()
  @IsUUID()
  questionId?: string;

  @ApiPropertyOptional({ description: 'May arbitrate, see disputes and set reference scripts on this paper.' })
  @IsOptional()
  @IsBoolean()
  lead?: boolean;
}

export class ReferenceDto {
  @ApiProperty({ description: 'The agreed mark graders are compared with.' })
  @IsNumber({ maxDecimalPlaces: 2 })
  agreedPoints!: number;
}

export class OverrideDto {
  @ApiProperty({ description: "The answer's new final mark." })
  @IsNumber({ maxDecimalPlaces: 2 })
  points!: number;

  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
