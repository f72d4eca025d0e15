export * from './bank.module';
export * from './questions.service';

export { questionProblems } from './question-rules';
export { CreateQuestionDto, QuestionOptionDto, QuestionQueryDto, RubricCriterionDto } from './dto/question.dto';
export { Question } from './entities/question.entity';
