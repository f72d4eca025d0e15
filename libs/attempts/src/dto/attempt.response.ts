import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { ATTEMPT_STATUSES } from '@assay/contracts';
import { CandidatePaperResponse } from '@assay/papers';
import type { AttemptEvent, AttemptResponse, AttemptSummary } from '../attempt-reports.service';
import type { AttemptResult, CandidateAttemptView, Clock, SavedAnswer, StartedAttempt, SubmittedAttempt, SubmittedBy } from '../attempts.service';
import { CANDIDATE_ANSWER_SCHEMA } from './candidate-answer.schema';

/** An attempt's status as the service types it; the schema lists contracts' ATTEMPT_STATUSES. */
type AttemptStatus = StartedAttempt['status'];

const SAVED_ANSWER_STATUSES: SavedAnswer['status'][] = ['saved', 'superseded', 'unknown_question'];
const SUBMITTED_BY: SubmittedBy[] = ['candidate', 'deadline', 'sweep'];

/** The server's clock, sent with every candidate answer so the client's timer never drifts. */
export class ClockResponse implements Clock {
  @ApiProperty({ format: 'date-time' })
  serverTime!: string;

  @ApiProperty({ description: 'Until the deadline (grace not included); 0 when time is up.', example: 7140 })
  secondsLeft!: number;
}

/** Where an attempt stands in time. */
export class AttemptTimesResponse {
  @ApiProperty({ enum: ATTEMPT_STATUSES })
  status!: AttemptStatus;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', description: "Start plus the paper's duration and the extra time, never past the window's end." })
  deadline!: string;
}

export class StartedAttemptResponse extends IntersectionType(AttemptTimesResponse, ClockResponse) implements StartedAttempt {
  @ApiProperty({ format: 'uuid' })
  attemptId!: string;

  @ApiProperty({ description: 'Send as X-Attempt-Token on every later call; shown once (a take-over gets a new one).' })
  attemptToken!: string;

  @ApiProperty({ description: 'True when an attempt already running (on another device) was taken over.' })
  takenOver!: boolean;
}

export class AttemptResultResponse implements AttemptResult {
  @ApiProperty({ description: 'Objective points scored so far.', example: 55 })
  points!: number;

  @ApiProperty({ example: 100 })
  maxPoints!: number;

  @ApiProperty({ description: 'Open answers still waiting for a grader.', example: 2 })
  pendingManual!: number;
}

export class StoredAnswerResponse {
  @ApiProperty({ format: 'uuid' })
  questionId!: string;

  @ApiProperty(CANDIDATE_ANSWER_SCHEMA)
  answer!: unknown;

  @ApiProperty({ description: 'The client sequence number stored with it.', example: 7 })
  seq!: number;

  @ApiProperty({ format: 'date-time' })
  savedAt!: string;
}

export class CandidateAttemptResponse extends IntersectionType(AttemptTimesResponse, ClockResponse) implements CandidateAttemptView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Saves are still accepted this long after the deadline.', example: 30 })
  graceSeconds!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({ type: CandidatePaperResponse, description: 'The paper as drawn and ordered for this attempt.' })
  paper!: CandidatePaperResponse;

  @ApiProperty({ type: [StoredAnswerResponse] })
  answers!: StoredAnswerResponse[];

  @ApiProperty({ type: AttemptResultResponse, nullable: true, description: 'Only when the paper shows scores to candidates and the objective part is scored.' })
  result!: AttemptResultResponse | null;
}

export class SavedAnswerResponse implements SavedAnswer {
  @ApiProperty({ format: 'uuid' })
  questionId!: string;

  @ApiProperty({ enum: SAVED_ANSWER_STATUSES, description: '`saved`: this seq (or a retry of it) is stored; `superseded`: a newer seq already is.' })
  status!: SavedAnswer['status'];

  @ApiProperty({ type: Number, nullable: true, description: 'The seq now stored for the question.' })
  storedSeq!: number | null;
}

export class SavedAnswersResponse extends ClockResponse {
  @ApiProperty({ type: [SavedAnswerResponse], description: 'One per item sent, in order.' })
  items!: SavedAnswerResponse[];
}

export class SubmittedAttemptResponse implements SubmittedAttempt {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ATTEMPT_STATUSES })
  status!: AttemptStatus;

  @ApiProperty({ format: 'date-time' })
  submittedAt!: string;

  @ApiProperty({ type: AttemptResultResponse, nullable: true, description: 'Only when the paper shows scores to candidates.' })
  result!: AttemptResultResponse | null;
}

export class RecordedEventsResponse {
  @ApiProperty({ description: 'Events stored.', example: 3 })
  recorded!: number;
}

export class AttemptSummaryResponse extends AttemptTimesResponse implements AttemptSummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  invitationId!: string;

  @ApiProperty({ format: 'uuid' })
  paperId!: string;

  @ApiProperty({ format: 'uuid' })
  paperVersionId!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: string | null;

  @ApiProperty({ enum: SUBMITTED_BY, nullable: true, description: 'The candidate, the deadline job, or the sweep that recovers lost deadline jobs.' })
  submittedBy!: SubmittedBy | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  scoredAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  points!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  maxPoints!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  pendingManual!: number | null;

  @ApiProperty({ description: 'Integrity events reported by the client plus server ones (take-over, IP change).' })
  eventCount!: number;
}

export class AttemptEventResponse implements AttemptEvent {
  @ApiProperty()
  id!: number;

  @ApiProperty({ example: 'focus_lost' })
  type!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "The client's time of the event." })
  at!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What the client sent with the event.' })
  detail!: unknown;
}

export class AttemptAnswerResponse extends StoredAnswerResponse implements AttemptResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Null until scored or graded.' })
  points!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  maxPoints!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Scoring outcome, e.g. `correct`, `partial`, `pending_manual`.' })
  outcome!: string | null;

  @ApiProperty({ description: 'The stored answer does not fit the question type (scored 0).' })
  malformed!: boolean;
}

export class AttemptResponsesResponse {
  @ApiProperty({ type: AttemptSummaryResponse })
  attempt!: AttemptSummaryResponse;

  @ApiProperty({ type: [AttemptAnswerResponse] })
  responses!: AttemptAnswerResponse[];
}
