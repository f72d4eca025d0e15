import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../problem/domain-error';

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => DomainError.invalid('request.invalid_id', `Path parameter ${name} must be a UUID.`, [{ field: name, reason: 'must be a UUID' }]),
    }),
  );
