import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNoContent, ApiPageResponse, ApiProblems, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { CreateQuestionDto, QuestionQueryDto, UpdateQuestionDto } from './dto/question.dto';
import { QUESTION_EXAMPLE, QuestionResponse } from './dto/question.response';
import { QuestionsService } from './questions.service';

@ApiTags('questions')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller('questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Get()
  @ApiOperation({ summary: 'Search the bank by type, competency, job role, tag, difficulty and stem text; newest first.' })
  @ApiPageResponse(QuestionResponse)
  @ApiProblems([400])
  list(@Query() query: QuestionQueryDto) {
    return this.questions.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a question; per-type rules answer 400 naming the field (answerKey, options[2].key, rubric ...).' })
  @ApiCreatedResponse({ type: QuestionResponse, example: QUESTION_EXAMPLE })
  @ApiProblems([400, 413], { 400: 'Also `question.invalid`: a per-type rule, or an unknown id in `competencyIds`/`jobRoleIds`.' })
  create(@Body() dto: CreateQuestionDto) {
    return this.questions.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A bank question with its answer key, rubric, competencies and job roles.' })
  @ApiOkResponse({ type: QuestionResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.questions.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a question; published paper versions keep their own copy and never change.' })
  @ApiOkResponse({ type: QuestionResponse })
  @ApiProblems([400, 404, 413])
  update(@UuidParam() id: string, @Body() dto: UpdateQuestionDto) {
    return this.questions.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a question no paper draft uses; otherwise 409.' })
  @ApiNoContent('Deleted.')
  @ApiProblems([400, 404, 409], { 409: '`question.in_use`.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.questions.remove(id);
  }
}
