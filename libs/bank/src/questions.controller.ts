import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UuidParam } from '@assay/core';
import { CreateQuestionDto, QuestionQueryDto, UpdateQuestionDto } from './dto/question.dto';
import { QuestionsService } from './questions.service';

@ApiTags('questions')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@Controller('questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Get()
  @ApiOperation({ summary: 'Search the bank by type, competency, job role, tag, difficulty and stem text; newest first.' })
  list(@Query() query: QuestionQueryDto) {
    return this.questions.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a question; per-type rules answer 400 naming the field (answerKey, options[2].key, rubric ...).' })
  create(@Body() dto: CreateQuestionDto) {
    return this.questions.create(dto);
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.questions.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a question; published paper versions keep their own copy and never change.' })
  update(@UuidParam() id: string, @Body() dto: UpdateQuestionDto) {
    return this.questions.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a question no paper draft uses; otherwise 409.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.questions.remove(id);
  }
}
