import { ApiProperty } from '@nestjs/swagger';
import { INVITATION_STATUSES, type InvitationStatus } from '@assay/contracts';
import { TenantRecordResponse } from '@assay/core';
import type { RowError } from '../bulk/invitation-rows';
import type { Candidate } from '../entities/candidate.entity';
import type { MailLocale } from '../entities/invitation.entity';
import type { BulkResult } from '../invitations.service';
import type { InvitationIntro } from '../links.service';

const MAIL_LOCALES: MailLocale[] = ['zh-CN', 'en'];

export class CandidateResponse extends TenantRecordResponse implements Candidate {
  @ApiProperty({ example: '李雷' })
  name!: string;

  @ApiProperty({ example: 'lilei@example.com' })
  email!: string;

  @ApiProperty({ type: String, nullable: true, example: '13800000000' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The candidate's id in the company's ATS." })
  externalId!: string | null;

  @ApiProperty({ type: Date, nullable: true, description: "When the person's data was erased (docs/privacy.md); name and email are then placeholders." })
  erasedAt!: Date | null;
}

export class InvitationResponse extends TenantRecordResponse {
  @ApiProperty({ enum: INVITATION_STATUSES, description: '`expired` is derived on read: still waiting when the window closed.' })
  status!: InvitationStatus;

  @ApiProperty({ format: 'uuid' })
  candidateId!: string;

  @ApiProperty({ type: CandidateResponse })
  candidate!: CandidateResponse;

  @ApiProperty({ format: 'uuid' })
  paperId!: string;

  @ApiProperty({ format: 'uuid' })
  jobRoleId!: string;

  @ApiProperty({ description: 'The window in which the candidate may start.' })
  opensAt!: Date;

  @ApiProperty()
  closesAt!: Date;

  @ApiProperty({ description: 'Extra time on the paper duration (accessibility), in percent.', example: 0 })
  extraTimePercent!: number;

  @ApiProperty({ enum: MAIL_LOCALES, nullable: true, description: "Language of the emails; null: the company's default." })
  locale!: MailLocale | null;

  @ApiProperty({ description: 'Raised by each resend; older links stop working.', example: 1 })
  tokenVersion!: number;

  @ApiProperty({ type: [Number], description: 'Reminders go out this many hours before the window closes.', example: [24] })
  reminderHours!: number[];

  @ApiProperty({ type: Date, nullable: true })
  sentAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  openedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  startedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  submittedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  revokedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, description: 'Where it came from, e.g. `upload:candidates.xlsx`; null for a single invite.' })
  source!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The invitation's id in the company's ATS (e.g. the application's)." })
  externalId!: string | null;
}

export class InvitationRowErrorResponse implements RowError {
  @ApiProperty({ description: 'Row of the file (header = row 1).', example: 4 })
  row!: number;

  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'must be an email' })
  reason!: string;
}

export class BulkInvitationResponse implements BulkResult {
  @ApiProperty({ description: 'Rows read from the file.', example: 120 })
  total!: number;

  @ApiProperty({ example: 117 })
  created!: number;

  @ApiProperty({ description: 'Candidates already invited to this paper: nothing new was created for them.', example: 1 })
  skipped!: number;

  @ApiProperty({ type: [InvitationRowErrorResponse], description: 'Rows not imported, and why.' })
  errors!: InvitationRowErrorResponse[];
}

export class InvitationCountsResponse implements Record<InvitationStatus, number> {
  @ApiProperty() created!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() opened!: number;
  @ApiProperty() started!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() graded!: number;
  @ApiProperty() expired!: number;
  @ApiProperty() revoked!: number;
}

export class FunnelResponse {
  @ApiProperty({ example: 120 })
  total!: number;

  @ApiProperty({ type: InvitationCountsResponse, description: 'Every status, zeros included.' })
  counts!: InvitationCountsResponse;
}

/** What the candidate sees before starting; nothing about other candidates or the answers. */
export class InvitationIntroResponse implements InvitationIntro {
  @ApiProperty({ format: 'uuid' })
  invitationId!: string;

  @ApiProperty({ enum: MAIL_LOCALES })
  locale!: MailLocale;

  @ApiProperty({ example: '星河电商' })
  tenantName!: string;

  @ApiProperty({ example: '李雷' })
  candidateName!: string;

  @ApiProperty({ example: '2026年电商客服经理面试题' })
  paperTitle!: string;

  @ApiProperty({ example: '电商客服专员' })
  jobRoleName!: string;

  @ApiProperty({ type: String, nullable: true })
  instructions!: string | null;

  @ApiProperty({ description: "Including the candidate's extra time.", example: 120 })
  durationMinutes!: number;

  @ApiProperty({ example: 25 })
  questionCount!: number;

  @ApiProperty({ example: 100 })
  totalPoints!: number;

  @ApiProperty({ format: 'date-time' })
  opensAt!: string;

  @ApiProperty({ format: 'date-time' })
  closesAt!: string;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status!: InvitationStatus;

  @ApiProperty({ description: 'False before the window opens, after the candidate submitted, or when time is up.' })
  canStart!: boolean;

  @ApiProperty({ format: 'date-time', description: "The server's clock, to correct the client's." })
  serverTime!: string;
}
