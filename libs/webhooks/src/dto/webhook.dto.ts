import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf, registerDecorator } from 'class-validator';
import { PageOrCursorQueryDto, PageQueryDto } from '@assay/core';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events';
import { webhookUrlProblem } from '../webhook-url';
import type { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An http(s) URL without credentials; the message says what is wrong (webhookUrlProblem). */
function IsWebhookUrl(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && webhookUrlProblem(value) === null,
        defaultMessage: (args) => `url ${typeof args?.value === 'string' ? (webhookUrlProblem(args.value) ?? '') : 'must be a string'}`,
      },
    });
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://ats.example.com/hooks/assay', description: 'http or https; no user name or password in it.' })
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  @IsWebhookUrl()
  url!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Moka ATS' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'The events sent to this endpoint (docs/integrations.md).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://ats.example.com/hooks/assay' })
  @ValidateIf((_, value) => value !== undefined)
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  @IsWebhookUrl()
  url?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @ValidateIf((_, value) => value !== undefined)
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ description: 'false pauses deliveries; true re-enables a disabled endpoint and sends what waits, oldest first.' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the URL or description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

const DELIVERY_STATUSES: WebhookDeliveryStatus[] = ['pending', 'delivered', 'failed'];

export class DeliveryQueryDto extends PageOrCursorQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES })
  @IsOptional()
  @IsIn(WEBHOOK_EVENT_TYPES)
  eventType?: WebhookEventType;
}
