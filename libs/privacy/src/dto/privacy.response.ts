import { ApiProperty } from '@nestjs/swagger';
import type { ErasureReport } from '../privacy-records';

const count = (description: string) => ApiProperty({ type: 'integer', description });

export class ErasureResponse implements ErasureReport {
  @ApiProperty({ format: 'uuid' })
  candidateId!: string;

  @ApiProperty({ format: 'date-time' })
  erasedAt!: string;

  @count('Invitations whose ATS id was removed (those still waiting were revoked).')
  invitations!: number;

  @count('Emails whose address, subject and error were erased (unsent ones will not be sent).')
  emails!: number;

  @count('Attempts whose last address and browser were erased; their scores stay.')
  attempts!: number;

  @count('Answers erased (every answer except a bare choice among options).')
  answers!: number;

  @count('Attempt events whose address, browser and client detail were erased.')
  attemptEvents!: number;

  @count("Grading's copies of open answers erased.")
  gradingAnswers!: number;

  @count('Grading marks whose comment was erased; their points stay.')
  gradingMarks!: number;

  @count('Analytics candidate rows whose name and email were replaced.')
  analyticsRows!: number;

  @count('Webhook events whose ATS ids were removed.')
  webhookEvents!: number;

  @count('Stored Idempotency-Key answers dropped (a retry then gets 409).')
  idempotentResponses!: number;
}
