import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { DomainError, FieldProblem } from './domain-error';
import { shapeErrors } from './shape-rules';

/** class-validator errors as field problems, nested fields as `a.b` and `items[0].c`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      reason: constraint === 'whitelistValidation' ? 'unknown field; remove it' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Class-validator's checks plus the rules every DTO gets (shape-rules.ts: nulls, arrays for objects). */
class DtoValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return errors.length > 0 ? errors : shapeErrors(object);
  }
}

/** Whitelisting, unknown fields rejected, payloads transformed to DTO classes, errors as field problems. */
export function createValidationPipe(): ValidationPipe {
  return new DtoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      DomainError.invalid('request.validation_failed', 'Some fields are missing or invalid; see errors.', flattenValidationErrors(errors)),
  });
}
