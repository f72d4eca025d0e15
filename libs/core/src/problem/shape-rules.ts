import type { ValidationError } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage, IS_OPTIONAL, ValidationTypes } from 'class-validator';

/**
 * Two rules every DTO gets from the validation pipe, so no DTO can forget them:
 *
 * - `null` clears a field only where the field is documented as nullable
 *   (`@ApiPropertyOptional({ nullable: true })`); on any other optional field it is refused,
 *   instead of reaching a NOT NULL column or code that expects a value. `@IsOptional()` alone
 *   lets `null` through, which is what made `PATCH /tenant {"locale":null}` a 500.
 * - A nested object (`@ValidateNested()` without `each`) must be an object, not an array:
 *   class-validator validates an array's items instead, so `"candidate": []` passed as valid.
 */
export function shapeErrors(dto: object): ValidationError[] {
  const target = dto.constructor;
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(dto)) {
    const rules = metadatas.filter((m) => m.propertyName === property);
    const error: ValidationError & { constraints: Record<string, string>; children: ValidationError[] } = { property, constraints: {}, children: [] };
    if (value === null && rules.some((m) => m.name === IS_OPTIONAL) && !isNullable(target, property)) {
      error.constraints.isNotNull = `${property} must not be null; leave it out to keep the current value`;
    }
    const nested = rules.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    if (Array.isArray(value) && nested.length > 0 && !nested.some((m) => m.each)) {
      error.constraints.isObject = `${property} must be an object, not an array`;
    }
    if (nested.length > 0 && value !== null && typeof value === 'object') {
      error.children = Array.isArray(value) ? itemErrors(value) : shapeErrors(value);
    }
    if (Object.keys(error.constraints).length > 0 || error.children.length > 0) errors.push(error);
  }
  return errors;
}

function itemErrors(items: unknown[]): ValidationError[] {
  return items.flatMap((item, index) => {
    if (item === null || typeof item !== 'object') return [];
    const children = shapeErrors(item);
    if (children.length === 0) return [];
    return [{ property: String(index), constraints: {}, children }];
  });
}

/** Nullability as the OpenAPI document states it, so the document and the validation agree. */
function isNullable(target: object, property: string): boolean {
  for (let proto = (target as { prototype?: object }).prototype; proto; proto = Object.getPrototypeOf(proto) as object | undefined) {
    const options = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, proto, property) as { nullable?: boolean } | undefined;
    if (options) return options.nullable === true;
  }
  return false;
}
