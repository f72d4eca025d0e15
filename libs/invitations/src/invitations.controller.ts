import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { spreadsheetSafeCell } from '@assay/contracts';
import { DomainError, readMultipart, Roles, UuidParam, validateFields } from '@assay/core';
import { readInvitationRows, RowsFileError, type RowFormat } from './bulk/invitation-rows';
import { CandidateQueryDto } from './dto/candidate-query.dto';
import { CreateInvitationDto, ExtendInvitationDto, FunnelQueryDto, InvitationQueryDto, InvitationTermsDto } from './dto/invitation.dto';
import { CandidatesService } from './candidates.service';
import { InvitationsService } from './invitations.service';

const EXPORT_PAGE = 200;

@ApiTags('invitations')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly candidates: CandidatesService,
  ) {}

  @Post('invitations')
  @ApiOperation({ summary: 'Invite one candidate to a published paper; the email goes out through the outbox.' })
  invite(@Body() dto: CreateInvitationDto) {
    return this.invitations.invite(dto);
  }

  @Post('papers/:paperId/invitations/bulk')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
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
    let parsed;
    try {
      parsed = await readInvitationRows(buffer, format);
    } catch (error) {
      if (error instanceof RowsFileError) throw DomainError.invalid('upload.unreadable', error.message, [{ field: error.field, reason: error.message }]);
      throw error;
    }
    return this.invitations.inviteMany(paperId, parsed.rows, parsed.errors, terms, `upload:${filename}`.slice(0, 200));
  }

  @Get('invitations')
  @ApiOperation({ summary: 'Invitations, filterable by status (expired included), paper, role, candidate and text.' })
  list(@Query() query: InvitationQueryDto) {
    return this.invitations.list(query);
  }

  @Get('invitations/funnel')
  @ApiOperation({ summary: 'Counts per status for a paper or a role (or the whole company).' })
  funnel(@Query() query: FunnelQueryDto) {
    return this.invitations.funnel(query);
  }

  @Get('invitations/export')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The filtered list as CSV (UTF-8 with BOM, so Excel shows Chinese names).' })
  async export(@Query() query: InvitationQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const rows: string[][] = [];
    for (let page = 1; ; page += 1) {
      const result = await this.invitations.list(Object.assign(new InvitationQueryDto(), query, { page, pageSize: EXPORT_PAGE }));
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
      if (page * EXPORT_PAGE >= result.total) break;
    }
    // Names and ids come from uploads (often the candidates' own input): never let Excel run them as formulas.
    const safeRows = rows.map((row) => row.map(spreadsheetSafeCell));
    const csv = stringify([['name', 'email', 'external_id', 'status', 'opens_at', 'closes_at', 'sent_at', 'opened_at', 'started_at', 'submitted_at', 'invitation_id'], ...safeRows]);
    await reply.header('content-disposition', 'attachment; filename="invitations.csv"').send(`\uFEFF${csv}`);
  }

  @Get('invitations/:id')
  get(@UuidParam() id: string) {
    return this.invitations.get(id);
  }

  @Post('invitations/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke: the link stops working at once.' })
  revoke(@UuidParam() id: string) {
    return this.invitations.revoke(id);
  }

  @Post('invitations/:id/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send again with a new link; the old link stops working.' })
  resend(@UuidParam() id: string) {
    return this.invitations.resend(id);
  }

  @Post('invitations/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the end of the window later (also revives an expired invitation).' })
  extend(@UuidParam() id: string, @Body() dto: ExtendInvitationDto) {
    return this.invitations.extend(id, dto.closesAt);
  }

  @Get('candidates')
  listCandidates(@Query() query: CandidateQueryDto) {
    return this.candidates.list(query);
  }

  @Get('candidates/:id')
  @ApiOperation({ summary: "A candidate; their invitations across roles: GET /invitations?candidateId=." })
  getCandidate(@UuidParam() id: string) {
    return this.candidates.get(id);
  }
}
