import { ApiProperty } from '@nestjs/swagger';

export class ScoreBandResponse {
  @ApiProperty()
  low!: number;

  @ApiProperty()
  high!: number;

  @ApiProperty({ enum: ['points', 'percent'], description: "The job role report's unit (percent: roles mix papers)." })
  unit!: 'points' | 'percent';
}

export class CompetencyScoreResponse {
  @ApiProperty()
  competency!: string;

  @ApiProperty({ description: '0-100.' })
  score!: number;
}

export class AttemptResultResponse {
  @ApiProperty({ format: 'uuid' })
  attemptId!: string;

  @ApiProperty({ format: 'uuid' })
  invitationId!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "The invitation's ATS id (e.g. the application)." })
  invitationExternalId!: string | null;

  @ApiProperty({ format: 'uuid' })
  paperId!: string;

  @ApiProperty()
  paperTitle!: string;

  @ApiProperty({ format: 'uuid' })
  paperVersionId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'uuid' })
  jobRoleId!: string;

  @ApiProperty({ enum: ['in_progress', 'submitted', 'awaiting_grading', 'scored', 'graded'] })
  status!: string;

  @ApiProperty({ description: 'true once the score will not change.' })
  final!: boolean;

  @ApiProperty()
  startedAt!: Date;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  submittedAt!: Date | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Points, once final.' })
  score!: number | null;

  @ApiProperty({ type: 'number', nullable: true })
  maxScore!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'score / maxScore x 100, once final.' })
  percent!: number | null;

  @ApiProperty({ type: 'boolean', nullable: true, description: 'null without a pass mark or before the score is final.' })
  passed!: boolean | null;

  @ApiProperty({ type: ScoreBandResponse, nullable: true, description: 'Score +/- SEM (docs/analytics.md); null until the role report has it.' })
  band!: ScoreBandResponse | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Percentile rank within the job role (its norm group).' })
  percentile!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  rank!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Final candidates of the job role the percentile is taken in.' })
  normGroupSize!: number | null;

  @ApiProperty({ type: [CompetencyScoreResponse] })
  competencies!: CompetencyScoreResponse[];

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the role report these figures come from was computed.' })
  resultsComputedAt!: Date | null;

  @ApiProperty({ description: "The staff app's candidate report (sign-in needed)." })
  reportUrl!: string;
}

export class CandidateResultsResponse {
  @ApiProperty({ format: 'uuid' })
  candidateId!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "The candidate's ATS id." })
  externalId!: string | null;

  @ApiProperty({ type: [AttemptResultResponse] })
  attempts!: AttemptResultResponse[];
}
