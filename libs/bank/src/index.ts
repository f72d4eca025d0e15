export * from './bank.module';
export * from './questions.service';

export { questionProblems } from './question-rules';
export { CreateQuestionDto, QuestionOptionDto, QuestionQueryDto, RubricCriterionDto } from './dto/question.dto';
export { Question } from './entities/question.entity';
export * from './dto/question.response';
export { ANSWER_KEY_SCHEMA } from './dto/answer-key.schema';
