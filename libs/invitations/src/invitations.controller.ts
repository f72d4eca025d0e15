import { join } from 'node:path';
import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFileResponse, ApiPageWithCursorResponse, ApiProblems, DomainError, OffThread, readMultipart, Roles, STAFF_PROBLEMS, UuidParam, validateFields } from '@assay/core';
import type { InvitationRowsReading, RowFormat } from './bulk/invitation-rows';
import { CandidateQueryDto } from './dto/candidate-query.dto';
import { CreateInvitationDto, ExtendInvitationDto, FunnelQueryDto, InvitationQueryDto, InvitationTermsDto } from './dto/invitation.dto';
import { BulkInvitationResponse, CandidateResponse, FunnelResponse, InvitationResponse } from './dto/invitation.response';
import { CandidatesService } from './candidates.service';
import { InvitationsService } from './invitations.service';

const EXPORT_PAGE = 200;

const READ_ROWS = { module: join(__dirname, 'bulk/invitation-rows'), fn: 'readInvitationRowsTask' };

/** What `POST /invitations` answers: the invitation with its candidate, before the email went out. */
const INVITATION_EXAMPLE = {
  id: 'e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a7b',
  tenantId: '0b9f3c2e-5d1a-4c77-9a43-1f2e3d4c5b6a',
  status: 'created',
  candidateId: 'f5a6b7c8-d9e0-4f1a-8b2c-3d4e5f6a7b8c',
  candidate: {
    id: 'f5a6b7c8-d9e0-4f1a-8b2c-3d4e5f6a7b8c',
    tenantId: '0b9f3c2e-5d1a-4c77-9a43-1f2e3d4c5b6a',
    name: '李雷',
    email: 'lilei@example.com',
    phone: null,
    externalId: 'ATS-1024',
    createdAt: '2026-03-02T09:10:00.000Z',
    updatedAt: '2026-03-02T09:10:00.000Z',
  },
  paperId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  jobRoleId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  opensAt: '2026-03-02T09:10:00.000Z',
  closesAt: '2026-03-09T16:00:00.000Z',
  extraTimePercent: 0,
  locale: null,
  tokenVersion: 1,
  reminderHours: [24],
  sentAt: null,
  openedAt: null,
  startedAt: null,
  submittedAt: null,
  revokedAt: null,
  source: null,
  createdAt: '2026-03-02T09:10:00.000Z',
  updatedAt: '2026-03-02T09:10:00.000Z',
};

const BULK_UPLOAD_SCHEMA = {
  schema: {
    type: 'object',
    required: ['file', 'closesAt'],
    properties: {
      file: { type: 'string', format: 'binary', description: '.csv or .xlsx: name, email, phone, external_id, extra_time_percent (Chinese headers accepted)' },
      closesAt: { type: 'string', format: 'date-time', description: 'When the links stop working.' },
      opensAt: { type: 'string', format: 'date-time', description: 'When the links start working; default now.' },
      extraTimePercent: { type: 'integer', minimum: 0, maximum: 200, description: 'Default for rows without extra_time_percent.' },
      locale: { type: 'string', enum: ['zh-CN', 'en'] },
      reminderHours: { type: 'string', description: 'Comma-separated hours before closing, e.g. `48,24`.', example: '24' },
    },
  },
};

@ApiTags('invitations')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly candidates: CandidatesService,
    private readonly offThread: OffThread,
  ) {}

  @Post('invitations')
  @ApiOperation({ summary: 'Invite one candidate to a published paper; the email goes out through the outbox.' })
  @ApiCreatedResponse({ type: InvitationResponse, example: INVITATION_EXAMPLE })
  @ApiProblems([400, 404, 409, 413], { 404: '`paper.not_found`.', 409: '`invitation.exists` (resend or extend it), `paper.not_published`.' })
  invite(@Body() dto: CreateInvitationDto) {
    return this.invitations.invite(dto);
  }

  @Post('papers/:paperId/invitations/bulk')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(BULK_UPLOAD_SCHEMA)
  @ApiOkResponse({ type: BulkInvitationResponse })
  @ApiProblems([400, 404, 409, 413], { 400: '`upload.missing_file`, `upload.unsupported_type`, `upload.unreadable`, or a form field.', 409: '`paper.not_published`.' })
  @ApiOperation({
    summary:
      'Invite up to 10,000 candidates from a CSV or XLSX file (columns name, email, phone, external_id, extra_time_percent; Chinese headers accepted). ' +
      'Form fields: closesAt (required), opensAt, extraTimePercent, locale, reminderHours. Valid rows are created, bad rows reported by row number; uploading the same file again creates nothing new.',
  })
  async bulk(@UuidParam('paperId') paperId: string, @Req() request: FastifyRequest) {
    const upload = await readMultipart(request);
    if (!upload?.file) throw DomainError.invalid('upload.missing_file', 'Send the candidate list as a multipart file field named "file".', [{ field: 'file', reason: 'missing' }]);
    const { filename, buffer } = upload.file;
    const format: RowFormat | null = /\.xlsx$/i.test(filename) ? 'xlsx' : /\.csv$/i.test(filename) ? 'csv' : null;
    if (!format) throw DomainError.invalid('upload.unsupported_type', 'Upload a .csv or .xlsx file.', [{ field: 'file', reason: 'must be .csv or .xlsx' }]);
    const terms = await validateFields(InvitationTermsDto, upload.fields);
    // Read in a worker thread, within its time and memory limits: 10,000 rows take seconds of CPU.
    const parsed = await this.offThread.parseUpload<InvitationRowsReading>(READ_ROWS, { bytes: buffer, format });
    if (!parsed.ok) throw DomainError.invalid('upload.unreadable', parsed.message, [{ field: parsed.field, reason: parsed.message }]);
    return this.invitations.inviteMany(paperId, parsed.rows, parsed.errors, terms, `upload:${filename}`.slice(0, 200));
  }

  @Get('invitations')
  @ApiOperation({ summary: 'Invitations, filterable by status (expired included), paper, role, candidate and text.' })
  @ApiPageWithCursorResponse(InvitationResponse)
  @ApiProblems([400])
  list(@Query() query: InvitationQueryDto) {
    return this.invitations.list(query);
  }

  @Get('invitations/funnel')
  @ApiOperation({ summary: 'Counts per status for a paper or a role (or the whole company).' })
  @ApiOkResponse({ type: FunnelResponse })
  @ApiProblems([400])
  funnel(@Query() query: FunnelQueryDto) {
    return this.invitations.funnel(query);
  }

  @Get('invitations/export')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The filtered list as CSV (UTF-8 with BOM, so Excel shows Chinese names).' })
  @ApiFileResponse('The invitations as an attachment (invitations.csv).', 'text/csv')
  @ApiProblems([400, 422], { 422: '`export.too_large`: narrow the filters.' })
  async export(@Query() query: InvitationQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const rows: string[][] = [];
    // Followed by cursor, so invitations created meanwhile neither repeat nor push rows out.
    for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
      const result = await this.invitations.list(Object.assign(new InvitationQueryDto(), query, { cursor, limit: EXPORT_PAGE }));
      for (const i of result.items) {
        rows.push([
          i.candidate?.name ?? '',
          i.candidate?.email ?? '',
          i.candidate?.externalId ?? '',
          i.status,
          i.opensAt.toISOString(),
          i.closesAt.toISOString(),
          i.sentAt?.toISOString() ?? '',
          i.openedAt?.toISOString() ?? '',
          i.startedAt?.toISOString() ?? '',
          i.submittedAt?.toISOString() ?? '',
          i.id,
        ]);
      }
      cursor = result.next ?? undefined;
    }
    // Written in a worker thread, every cell escaped against formulas (names come from uploads and candidates' own input).
    const csv = await this.offThread.spreadsheet({
      format: 'csv',
      sheet: 'invitations',
      header: ['name', 'email', 'external_id', 'status', 'opens_at', 'closes_at', 'sent_at', 'opened_at', 'started_at', 'submitted_at', 'invitation_id'],
      rows,
    });
    await reply.header('content-disposition', 'attachment; filename="invitations.csv"').send(csv);
  }

  @Get('invitations/:id')
  @ApiOperation({ summary: 'An invitation with its candidate and where it stands.' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.invitations.get(id);
  }

  @Post('invitations/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke: the link stops working at once.' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiProblems([400, 404, 409], { 409: '`invitation.already_started`.' })
  revoke(@UuidParam() id: string) {
    return this.invitations.revoke(id);
  }

  @Post('invitations/:id/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send again with a new link; the old link stops working.' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiProblems([400, 404, 409], { 409: '`invitation.not_resendable`.' })
  resend(@UuidParam() id: string) {
    return this.invitations.resend(id);
  }

  @Post('invitations/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the end of the window later (also revives an expired invitation).' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiProblems([400, 404, 409, 413], { 400: 'Also `invitation.window_not_later`.', 409: '`invitation.revoked`.' })
  extend(@UuidParam() id: string, @Body() dto: ExtendInvitationDto) {
    return this.invitations.extend(id, dto.closesAt);
  }

  @Get('candidates')
  @ApiOperation({ summary: 'Candidates of the company; search by name, email or external id.' })
  @ApiPageWithCursorResponse(CandidateResponse)
  @ApiProblems([400])
  listCandidates(@Query() query: CandidateQueryDto) {
    return this.candidates.list(query);
  }

  @Get('candidates/:id')
  @ApiOperation({ summary: "A candidate; their invitations across roles: GET /invitations?candidateId=." })
  @ApiOkResponse({ type: CandidateResponse })
  @ApiProblems([400, 404])
  getCandidate(@UuidParam() id: string) {
    return this.candidates.get(id);
  }
}
