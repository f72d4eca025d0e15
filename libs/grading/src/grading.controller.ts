import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNoContent, ApiProblems, CurrentPrincipal, DomainError, Roles, STAFF_PROBLEMS, UuidParam, type Principal } from '@assay/core';
import { ASSIGNMENTS, ATTEMPT_MARKING, CLAIMED, DISPUTES, LEASE, PROGRESS, QUEUES, REFERENCE, SETTINGS } from './dto/grading.response';
import { AssignmentDto, ClaimFilterDto, FlagDto, GradingSettingsDto, MarkDto, OverrideDto, QueuesQueryDto, ReferenceDto, SubmitAndNextDto } from './dto/grading.dto';
import { GraderQueuesService } from './grader-queues.service';
import { GradingLeadService } from './grading-lead.service';
import { GradingProgressService } from './grading-progress.service';
import { GradingQueueService } from './grading-queue.service';
import { GradingSettingsService } from './grading-settings.service';

/** Graders act as themselves: an API key has no grader identity. */
function graderOf(principal: Principal): string {
  if (!principal.userId) throw new DomainError('forbidden', 'grading.staff_only', 'Marking is done by a staff member, not an API key.');
  return principal.userId;
}

/** The grader's queue (blind: see GraderTask). */
@ApiTags('grading')
@ApiBearerAuth()
@Roles('grader', 'admin')
@ApiProblems(STAFF_PROBLEMS)
@Controller('grading/tasks')
export class GradingTasksController {
  constructor(private readonly queue: GradingQueueService) {}

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the next task (question by question across candidates), optionally of one paper, question or the third marking; null when nothing is left for you.' })
  @ApiOkResponse({ schema: CLAIMED })
  @ApiProblems([400])
  async claim(@CurrentPrincipal() principal: Principal, @Query() query: ClaimFilterDto) {
    return { task: await this.queue.claimNext(graderOf(principal), { paperId: query.paperId, questionId: query.questionId, round: query.round }) };
  }

  @Post(':id/renew')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the lease while the answer is open.' })
  @ApiOkResponse({ schema: LEASE })
  @ApiProblems([404, 409])
  renew(@CurrentPrincipal() principal: Principal, @UuidParam() id: string) {
    return this.queue.renew(graderOf(principal), id);
  }

  @Post(':id/marks')
  @HttpCode(204)
  @ApiOperation({ summary: 'Submit the mark: one score per rubric criterion, and a comment.' })
  @ApiNoContent('Done.')
  @ApiProblems([400, 404, 409])
  async mark(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @Body() body: MarkDto) {
    await this.queue.submit(graderOf(principal), id, body);
  }

  @Post(':id/marks-and-next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the mark and claim the next task in one call.' })
  @ApiOkResponse({ schema: CLAIMED })
  @ApiProblems([400, 404, 409])
  async markAndNext(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @Body() body: SubmitAndNextDto) {
    const next = { paperId: body.paperId, questionId: body.questionId, round: body.round };
    return { task: await this.queue.submitAndNext(graderOf(principal), id, { scores: body.scores, comment: body.comment }, next) };
  }

  @Post(':id/skip')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give the task back; you get it again only when nothing else is left.' })
  @ApiNoContent('Done.')
  @ApiProblems([404, 409])
  async skip(@CurrentPrincipal() principal: Principal, @UuidParam() id: string) {
    await this.queue.skip(graderOf(principal), id);
  }

  @Post(':id/flag')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give the task back for a lead to look at, with the reason.' })
  @ApiNoContent('Done.')
  @ApiProblems([400, 404, 409])
  async flag(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @Body() body: FlagDto) {
    await this.queue.flag(graderOf(principal), id, body.reason);
  }
}

/** The grader's workspace home: their queues per paper and question, the paper's progress, their work today. */
@ApiTags('grading')
@ApiBearerAuth()
@Roles('grader', 'admin')
@ApiProblems(STAFF_PROBLEMS)
@Controller('grading')
export class GraderQueuesController {
  constructor(private readonly queues: GraderQueuesService) {}

  @Get('queues')
  @ApiOperation({ summary: "Your queues: each paper you mark (an admin: every paper with marking work) with its questions' counts, the paper's progress and your marks today." })
  @ApiOkResponse({ schema: QUEUES })
  @ApiProblems([400])
  list(@CurrentPrincipal() principal: Principal, @Query() query: QueuesQueryDto) {
    const dayStart = query.dayStart ? new Date(query.dayStart) : new Date(new Date().toISOString().slice(0, 10));
    return this.queues.queues(graderOf(principal), principal.roles.includes('admin'), dayStart);
  }
}

/** Leads (admins, or graders with the lead permission on the paper): disputes, arbitration, flags, reference scripts. */
@ApiTags('grading')
@ApiBearerAuth()
@Roles('grader', 'admin')
@ApiProblems(STAFF_PROBLEMS)
@Controller('grading')
export class GradingLeadController {
  constructor(private readonly lead: GradingLeadService) {}

  @Get('papers/:paperId/disputes')
  @ApiOperation({ summary: 'Answers waiting for a third mark or arbitration, and flagged tasks, with every mark so far.' })
  @ApiOkResponse({ schema: DISPUTES })
  @ApiProblems([404])
  disputes(@UuidParam('paperId') paperId: string) {
    return this.lead.disputes(paperId);
  }

  @Post('tasks/:id/arbitration')
  @HttpCode(204)
  @ApiOperation({ summary: "The lead's final mark on an answer waiting for arbitration." })
  @ApiNoContent('Done.')
  @ApiProblems([400, 404, 409])
  async arbitrate(@UuidParam() id: string, @Body() body: MarkDto) {
    await this.lead.arbitrate(id, body);
  }

  @Post('tasks/:id/unflag')
  @HttpCode(204)
  @ApiOperation({ summary: 'Return a flagged task to the queue.' })
  @ApiNoContent('Done.')
  @ApiProblems([404, 409])
  async unflag(@UuidParam() id: string) {
    await this.lead.unflag(id);
  }

  @Post('answers/:answerId/reference')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a marked answer a reference script (标准卷); it is mixed blind into the assigned graders’ queues.' })
  @ApiOkResponse({ schema: REFERENCE })
  @ApiProblems([400, 404, 409])
  reference(@UuidParam('answerId') answerId: string, @Body() body: ReferenceDto) {
    return this.lead.makeReference(answerId, body.agreedPoints);
  }
}

/** Admins and recruiters: settings, assignments, progress, re-grades with their audit trail. */
@ApiTags('grading')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Controller('grading')
export class GradingAdminController {
  constructor(
    private readonly settings: GradingSettingsService,
    private readonly lead: GradingLeadService,
    private readonly progress: GradingProgressService,
  ) {}

  @Get('papers/:paperId/settings')
  @Roles('admin', 'recruiter')
  @ApiOperation({ summary: "The paper's marking mode, tolerance, half points and self-check interval." })
  @ApiOkResponse({ schema: SETTINGS })
  @ApiProblems([404])
  getSettings(@UuidParam('paperId') paperId: string) {
    return this.settings.get(paperId);
  }

  @Put('papers/:paperId/settings')
  @Roles('admin')
  @ApiOperation({ summary: "Set the paper's marking settings (they apply to marks given from now on)." })
  @ApiOkResponse({ schema: SETTINGS })
  @ApiProblems([400, 404])
  putSettings(@UuidParam('paperId') paperId: string, @Body() body: GradingSettingsDto) {
    return this.settings.put(paperId, { mode: body.mode, tolerance: { kind: body.tolerance.kind, value: body.tolerance.value }, halfPoints: body.halfPoints, selfCheckEvery: body.selfCheckEvery });
  }

  @Get('papers/:paperId/assignments')
  @Roles('admin')
  @ApiOperation({ summary: 'Graders assigned to the paper.' })
  @ApiOkResponse({ schema: ASSIGNMENTS })
  @ApiProblems([404])
  assignments(@UuidParam('paperId') paperId: string) {
    return this.lead.listAssignments(paperId);
  }

  @Post('papers/:paperId/assignments')
  @Roles('admin')
  @ApiOperation({ summary: 'Assign a grader to the paper or one of its questions, optionally as lead.' })
  @ApiCreatedResponse({ schema: ASSIGNMENTS })
  @ApiProblems([400, 404])
  assign(@UuidParam('paperId') paperId: string, @Body() body: AssignmentDto) {
    return this.lead.assign(paperId, body);
  }

  @Delete('assignments/:id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a grader assignment; the grader gets no new tasks of it (tasks under lease finish).' })
  @ApiNoContent('Removed.')
  @ApiProblems([404])
  async unassign(@UuidParam() id: string) {
    await this.lead.unassign(id);
  }

  @Get('papers/:paperId/progress')
  @Roles('admin', 'recruiter')
  @ApiOperation({ summary: '阅卷进度: tasks, marked, in progress, waiting (third, arbitration), flagged, oldest waiting, marks per grader per hour, estimate.' })
  @ApiOkResponse({ schema: PROGRESS })
  @ApiProblems([404])
  paperProgress(@UuidParam('paperId') paperId: string) {
    return this.progress.progress(paperId);
  }

  @Post('answers/:answerId/override')
  @Roles('admin', 'recruiter')
  @HttpCode(204)
  @ApiOperation({ summary: "Re-grade: set an answer's final mark with a reason (audited); the attempt is finalised again." })
  @ApiNoContent('Done.')
  @ApiProblems([400, 404, 409])
  async override(@UuidParam('answerId') answerId: string, @Body() body: OverrideDto) {
    await this.lead.override(answerId, body.points, body.reason);
  }

  @Get('attempts/:attemptId')
  @Roles('admin', 'recruiter')
  @ApiOperation({ summary: "An attempt's marking for recruiters: answers with suggested and final marks, similarity flags, audit trail." })
  @ApiOkResponse({ schema: ATTEMPT_MARKING })
  @ApiProblems([404])
  attempt(@UuidParam('attemptId') attemptId: string) {
    return this.lead.attemptMarking(attemptId);
  }
}
