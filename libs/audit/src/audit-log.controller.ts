import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCursorPageResponse, ApiFileResponse, ApiProblems, Roles, STAFF_PROBLEMS } from '@assay/core';
import { AuditLogService } from './audit-log.service';
import { AuditLogFilterDto, AuditLogQueryDto } from './dto/audit-log.dto';
import { AuditEntryResponse } from './dto/audit-log.response';

@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly log: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: "The company's audit log of staff and API-key actions that change data, newest first; follow `next`." })
  @ApiCursorPageResponse(AuditEntryResponse)
  @ApiProblems([400], { 400: '`request.invalid_cursor` (field `cursor`), or a filter out of range.' })
  list(@Query() query: AuditLogQueryDto) {
    return this.log.list(query);
  }

  @Get('export')
  @ApiOperation({ summary: 'The filtered audit log as CSV (UTF-8 with BOM), every entry the filters match, streamed.' })
  @ApiFileResponse('The entries as an attachment (audit-log.csv).', 'text/csv')
  @ApiProblems([400])
  export(@Query() query: AuditLogFilterDto): StreamableFile {
    return new StreamableFile(this.log.exportCsv(query), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="audit-log.csv"' });
  }
}
