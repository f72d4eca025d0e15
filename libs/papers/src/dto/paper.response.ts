import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MULTIPLE_CHOICE_POLICIES, OPEN_KINDS, QUESTION_TYPES, type MultipleChoicePolicy, type OpenKind, type QuestionType } from '@assay/contracts';
import { NamedRefResponse, QuestionContentResponse, QuestionOptionDto, RubricCriterionDto } from '@assay/bank';
import type { ImportWarning } from '@assay/paper-import';
import type { PaperSettings } from '../entities/paper.entity';
import { DrawDto } from './paper.dto';
import { ImportedPaperDto } from './import.dto';

/** A warning of the document reader, with the line of the input it is about. */
export class ImportWarningResponse implements ImportWarning {
  @ApiProperty({ description: '1-based line in the input text.', example: 12 })
  line!: number;

  @ApiProperty({ type: String, description: 'Stable code, e.g. `missing_answer`, `count_mismatch` (see docs/paper-format.md).', example: 'missing_answer' })
  code!: ImportWarning['code'];

  @ApiProperty({ example: '第 3 题没有找到答案。' })
  message!: string;
}

/** The interchange format (docs/paper-format.md): what the document reader produces, export returns and import takes. */
export class InterchangePaperResponse extends ImportedPaperDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when the document does not say.', example: 120 })
  override durationMinutes!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The total the document declares, if any.', example: 100 })
  override totalPoints!: number | null;

  @ApiProperty({ type: [ImportWarningResponse], description: "The reader's warnings; empty on export." })
  override warnings!: ImportWarningResponse[];
}

/** Every setting, with its value (defaults filled in). */
export class PaperSettingsResponse implements PaperSettings {
  @ApiProperty({ description: 'Per candidate, seeded: the order of the questions inside each section.' })
  shuffleQuestions!: boolean;

  @ApiProperty({ description: 'Per candidate, seeded: the order of the options of choice questions (their keys stay).' })
  shuffleOptions!: boolean;

  @ApiProperty({ enum: MULTIPLE_CHOICE_POLICIES })
  multipleChoicePolicy!: MultipleChoicePolicy;

  @ApiProperty({ description: 'Whether the candidate sees the objective score on submitting.' })
  showScoreToCandidate!: boolean;

  @ApiProperty({ description: 'Saves are still accepted this long after the deadline.', example: 30 })
  timerGraceSeconds!: number;
}

/** What a draft and a published snapshot both say about the paper. */
class PaperHeadResponse {
  @ApiProperty({ example: '2026年电商客服经理面试题' })
  title!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Markdown, shown to candidates before they start.' })
  instructions!: string | null;

  @ApiProperty({ example: 120 })
  durationMinutes!: number;

  @ApiProperty({ type: Number, nullable: true, example: 60 })
  passMark!: number | null;

  @ApiProperty({ type: PaperSettingsResponse })
  settings!: PaperSettingsResponse;
}

export class PaperSummaryResponse extends PaperHeadResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  jobRoleId!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'The newest published version; null until published.' })
  latestVersion!: number | null;

  @ApiProperty({ description: 'The draft differs from the latest published version.' })
  unpublishedChanges!: boolean;

  @ApiProperty({ type: Date, nullable: true })
  archivedAt!: Date | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

/** What every view of a section (draft, snapshot, candidate) starts with. */
class SectionHeadResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '一、单选题' })
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  instructions!: string | null;

  @ApiProperty({ example: 2 })
  pointsPerQuestion!: number;
}

/** A section of the draft: fixed questions or a draw, never both. */
export class SectionResponse extends SectionHeadResponse {
  @ApiProperty({ description: "Scale open questions' rubrics to pointsPerQuestion." })
  scaleRubrics!: boolean;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Fixed questions, in order; empty for a draw.' })
  questionIds!: string[];

  @ApiProperty({ type: DrawDto, nullable: true, description: 'A random draw per candidate.' })
  draw!: DrawDto | null;
}

export class PaperResponse extends PaperSummaryResponse {
  @ApiProperty({ example: 100 })
  totalPoints!: number;

  @ApiProperty({ type: [SectionResponse] })
  sections!: SectionResponse[];

  @ApiProperty({ type: [ImportWarningResponse], description: 'Warnings of the document this draft was imported from; empty otherwise.' })
  importWarnings!: ImportWarningResponse[];
}

export class PaperIssueResponse {
  @ApiProperty({ description: 'Where, inside the paper as GET /papers/{id} shows it.', example: 'sections[1].questions[0].answerKey' })
  path!: string;

  @ApiProperty({ description: 'Stable code (see docs/papers.md).', example: 'ANSWER_KEY_REQUIRED' })
  code!: string;

  @ApiProperty({ example: 'A single-choice question needs an answer key.' })
  message!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  questionId?: string;

  @ApiPropertyOptional({ type: [RubricCriterionDto], description: "RUBRIC_SUM_MISMATCH: the rubric scaled to the section's points." })
  scaledRubric?: RubricCriterionDto[];
}

export class PaperValidationResponse {
  @ApiProperty({ type: [PaperIssueResponse], description: 'Block publishing.' })
  errors!: PaperIssueResponse[];

  @ApiProperty({ type: [PaperIssueResponse], description: 'Shown to the author; publishing goes ahead.' })
  warnings!: PaperIssueResponse[];
}

export class PaperVersionSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  paperId!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff member who published it.' })
  publishedBy!: string | null;

  @ApiProperty()
  publishedAt!: Date;
}

export class PublishedVersionResponse extends PaperVersionSummaryResponse {
  @ApiProperty({ type: [PaperIssueResponse], description: 'What deserved a look but did not block publishing.' })
  warnings!: PaperIssueResponse[];
}

/** A question frozen into a published version, answer key and rubric included. */
export class SnapshotQuestionResponse extends QuestionContentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: [NamedRefResponse] })
  competencies!: NamedRefResponse[];
}

export class SnapshotSectionResponse extends SectionHeadResponse {
  @ApiProperty()
  scaleRubrics!: boolean;

  @ApiProperty({ type: DrawDto, nullable: true })
  draw!: DrawDto | null;

  @ApiProperty({ type: [SnapshotQuestionResponse], description: 'The fixed questions, or the whole pool of a draw.' })
  questions!: SnapshotQuestionResponse[];
}

export class PaperSnapshotResponse extends PaperHeadResponse {
  @ApiProperty({ format: 'uuid' })
  paperId!: string;

  @ApiProperty({ type: NamedRefResponse })
  jobRole!: NamedRefResponse;

  @ApiProperty()
  totalPoints!: number;

  @ApiProperty({ type: [SnapshotSectionResponse] })
  sections!: SnapshotSectionResponse[];
}

export class PaperVersionResponse extends PaperVersionSummaryResponse {
  @ApiProperty({ type: PaperSnapshotResponse, description: 'Everything candidates and scoring use; never changes.' })
  snapshot!: PaperSnapshotResponse;
}

/** A question as a candidate gets it: no answer key, reference answer, explanation or rubric. */
export class CandidateQuestionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  type!: QuestionType;

  @ApiProperty({ enum: OPEN_KINDS, nullable: true })
  kind!: OpenKind | null;

  @ApiProperty({ description: 'Markdown.' })
  stem!: string;

  @ApiProperty({ type: [QuestionOptionDto], description: 'In the order this candidate sees them.' })
  options!: QuestionOptionDto[];

  @ApiPropertyOptional({ description: 'fill_blank only: how many answers to type.' })
  blankCount?: number;

  @ApiProperty()
  points!: number;
}

export class CandidateSectionResponse extends SectionHeadResponse {
  @ApiProperty({ type: [CandidateQuestionResponse] })
  questions!: CandidateQuestionResponse[];
}

export class CandidatePaperResponse {
  @ApiProperty({ format: 'uuid' })
  paperId!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Null for the preview of an unpublished draft.' })
  version!: number | null;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  instructions!: string | null;

  @ApiProperty()
  durationMinutes!: number;

  @ApiProperty()
  totalPoints!: number;

  @ApiProperty()
  showScoreToCandidate!: boolean;

  @ApiProperty({ type: [CandidateSectionResponse] })
  sections!: CandidateSectionResponse[];
}
