import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@assay/audit';
import { afterCommit, AppConfig, containsPattern, DomainError, JobName, JobQueue, pageOf, pageOrCursor, TenantTransaction, type Page, type PageWithCursor } from '@assay/core';
import type { CreateWebhookDto, DeliveryQueryDto, UpdateWebhookDto, WebhookQueryDto } from './dto/webhook.dto';
import { WebhookDelivery, type WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { privateHostOf } from './private-networks';
import { newWebhookSecret, sealSecret, secretKey } from './webhook-secret';

export interface WebhookDeliveryView {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  sequence: number;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Admins' side of webhooks: endpoints, their secrets, the delivery log and redelivery. */
@Injectable()
export class WebhookEndpointsService {
  private readonly logger = new Logger(WebhookEndpointsService.name);
  private readonly key: Buffer;
  private readonly allowPrivate: boolean;

  constructor(
    private readonly tx: TenantTransaction,
    private readonly jobs: JobQueue,
    private readonly audit: AuditTrail,
    config: AppConfig,
  ) {
    this.key = secretKey(config.LINK_SECRET);
    this.allowPrivate = config.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true';
  }

  /** The secret is in this answer only; it is stored sealed. */
  async create(dto: CreateWebhookDto): Promise<WebhookEndpoint & { secret: string }> {
    this.refusePrivate(dto.url);
    const secret = newWebhookSecret();
    const endpoint = await this.tx.run(async (manager) => {
      const { identifiers } = await manager.insert(WebhookEndpoint, {
        url: dto.url,
        description: dto.description ?? null,
        events: [...new Set(dto.events)],
        secretSealed: sealSecret(secret, this.key),
        enabled: true,
        consecutiveFailures: 0,
      });
      const created = await this.find(manager, identifiers[0].id as string);
      await this.audit.record(manager, { resourceType: 'webhook_endpoint', resourceId: created.id, before: null, after: created });
      return created;
    });
    return { ...endpoint, secret };
  }

  list(query: WebhookQueryDto): Promise<Page<WebhookEndpoint>> {
    return this.tx.run(async (manager) => {
      const qb = manager.createQueryBuilder(WebhookEndpoint, 'w').orderBy('w.createdAt', 'DESC').addOrderBy('w.id').skip(query.offset).take(query.pageSize);
      if (query.q) qb.andWhere('(w.url ILIKE :q OR w.description ILIKE :q)', { q: containsPattern(query.q) });
      const [items, total] = await qb.getManyAndCount();
      return pageOf(items, total, query);
    });
  }

  get(id: string): Promise<WebhookEndpoint> {
    return this.tx.run((manager) => this.find(manager, id));
  }

  /** Re-enabling clears the failure run and sends what waits at once, oldest first. */
  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookEndpoint> {
    if (dto.url !== undefined) this.refusePrivate(dto.url);
    const { endpoint, resumed } = await this.tx.run(async (manager) => {
      const before = await this.find(manager, id);
      const changes: Partial<WebhookEndpoint> = {};
      if (dto.url !== undefined) changes.url = dto.url;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.events !== undefined) changes.events = [...new Set(dto.events)];
      const resumed = dto.enabled === true && !before.enabled;
      if (resumed) Object.assign(changes, { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null });
      if (dto.enabled === false && before.enabled) Object.assign(changes, { enabled: false, disabledAt: new Date(), disabledReason: 'paused by an admin' });
      if (Object.keys(changes).length > 0) await manager.update(WebhookEndpoint, { id }, changes);
      if (resumed) await manager.update(WebhookDelivery, { endpointId: id, status: 'pending' }, { nextAttemptAt: () => 'now()' });
      const after = await this.find(manager, id);
      await this.audit.record(manager, { resourceType: 'webhook_endpoint', resourceId: id, before, after });
      return { endpoint: after, resumed };
    });
    if (resumed) await this.queue(endpoint);
    return endpoint;
  }

  async remove(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const before = await this.find(manager, id);
      await manager.delete(WebhookEndpoint, { id });
      await this.audit.record(manager, { resourceType: 'webhook_endpoint', resourceId: id, before, after: null });
    });
  }

  /** A new secret, effective at once (the old one stops signing); shown only in this answer. */
  async rotateSecret(id: string): Promise<WebhookEndpoint & { secret: string }> {
    const secret = newWebhookSecret();
    const endpoint = await this.tx.run(async (manager) => {
      const before = await this.find(manager, id);
      await manager.update(WebhookEndpoint, { id }, { secretSealed: sealSecret(secret, this.key) });
      const after = await this.find(manager, id);
      // The secret itself is redacted; the entry says that it was rotated, when and by whom.
      await this.audit.record(manager, { resourceType: 'webhook_endpoint', resourceId: id, before, after });
      return after;
    });
    return { ...endpoint, secret };
  }

  /** The delivery log of one endpoint, newest event first, by page number or by cursor. */
  deliveries(id: string, query: DeliveryQueryDto): Promise<PageWithCursor<WebhookDeliveryView>> {
    return this.tx.run(async (manager) => {
      await this.find(manager, id);
      const qb = manager
        .createQueryBuilder(WebhookDelivery, 'd')
        .innerJoin('webhook_events', 'e', 'e.id = d.event_id')
        .addSelect('e.type', 'event_type')
        .where('d.endpointId = :id', { id });
      if (query.status) qb.andWhere('d.status = :status', { status: query.status });
      if (query.eventType) qb.andWhere('e.type = :type', { type: query.eventType });
      return pageOrCursor(qb, { sort: 'd.sequence', id: 'd.id', type: 'bigint' }, query, (delivery, raw) => this.deliveryView(delivery, raw.event_type as string));
    });
  }

  /**
   * Sends one delivery again (failed, or delivered and lost by the receiver): it becomes pending
   * with fresh attempts and, being older than what waits behind it, goes first.
   */
  async redeliver(id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const endpoint = await this.tx.run(async (manager) => {
      const found = await this.find(manager, id);
      const delivery = await manager.findOneBy(WebhookDelivery, { id: deliveryId, endpointId: id });
      if (!delivery) throw DomainError.notFound('webhook_delivery');
      if (delivery.status === 'pending') throw new DomainError('conflict', 'webhook_delivery.pending', 'This delivery is still being tried; wait for its next attempt or re-enable the endpoint.');
      await manager.update(WebhookDelivery, { id: deliveryId }, { status: 'pending', attempts: 0, nextAttemptAt: () => 'now()', deliveredAt: null });
      return found;
    });
    if (endpoint.enabled) await this.queue(endpoint);
    const [view] = await this.tx.run(async (manager) => {
      const delivery = await manager.findOneByOrFail(WebhookDelivery, { id: deliveryId });
      const [{ type }] = (await manager.query('SELECT type FROM webhook_events WHERE id = $1', [delivery.eventId])) as { type: string }[];
      return [this.deliveryView(delivery, type)];
    });
    return view;
  }

  private async queue(endpoint: WebhookEndpoint): Promise<void> {
    await afterCommit(this.logger, { endpointId: endpoint.id }, 'Webhook deliveries not queued; the sweep will', () =>
      this.jobs.enqueue(JobName.DeliverWebhooks, { tenantId: endpoint.tenantId, endpointId: endpoint.id, at: Date.now() }),
    );
  }

  /** A private address literal or localhost, unless private networks are allowed; host names are checked at each delivery. */
  private refusePrivate(url: string): void {
    const host = this.allowPrivate ? null : privateHostOf(url);
    if (host) {
      throw DomainError.invalid('webhook.private_address', `${host} is a private or loopback address; webhooks go to addresses reachable on the internet.`, [
        { field: 'url', reason: `must not point at a private or loopback address (${host})` },
      ]);
    }
  }

  private async find(manager: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = await manager.findOneBy(WebhookEndpoint, { id });
    if (!endpoint) throw DomainError.notFound('webhook');
    return endpoint;
  }

  private deliveryView(delivery: WebhookDelivery, eventType: string): WebhookDeliveryView {
    return { ...delivery, eventType, sequence: Number(delivery.sequence), nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null };
  }
}
