import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookDeliveryJobs } from './webhook-delivery.jobs';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';
import { WebhookPrivacy } from './webhook-privacy';

const entities = TypeOrmModule.forFeature([WebhookEndpoint, WebhookEvent, WebhookDelivery]);

/** What the domains use: `WebhooksService.emit` inside their transactions. */
@Module({
  imports: [entities],
  providers: [WebhooksService, WebhookPrivacy],
  exports: [WebhooksService, WebhookPrivacy],
})
export class WebhooksModule {}

/** The admins' API, mounted by the API. */
@Module({
  imports: [entities],
  controllers: [WebhooksController],
  providers: [WebhookEndpointsService],
})
export class WebhooksApiModule {}

/**
 * The worker's part: deliveries and their sweep. `mail` is a module exporting a `StaffMail`
 * (core's port; the invitations library's outbox), for the email when an endpoint is disabled.
 */
@Module({})
export class WebhooksJobsModule {
  static register(mail: Type): DynamicModule {
    return { module: WebhooksJobsModule, imports: [entities, mail], providers: [WebhookDeliveryJobs] };
  }
}
