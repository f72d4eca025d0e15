export * from './webhooks.module';
export * from './webhooks.service';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookEventData } from './webhook-events';
export { SIGNATURE_HEADER } from './signature';
export { WebhookPrivacy, type WebhookEventRecord } from './webhook-privacy';
