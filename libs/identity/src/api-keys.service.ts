import { Injectable } from '@nestjs/common';
import { ILike, IsNull, LessThan, type EntityManager } from 'typeorm';
import { AuditTrail } from '@assay/audit';
import { containsPattern, DomainError, pageOf, TenantContext, TenantTransaction, type Page, type Principal } from '@assay/core';
import { hashSecret, newCredential, parseCredential } from './credentials';
import type { ApiKeyQueryDto, CreateApiKeyDto } from './dto/users.dto';
import { ApiKey } from './entities/api-key.entity';

/** Recording every use would add a write to every API call; once a minute is precise enough. */
const LAST_USED_PRECISION_MS = 60_000;

const INVALID_KEY = () =>
  new DomainError('unauthenticated', 'auth.invalid_api_key', 'The API key is invalid, revoked or expired.');

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly audit: AuditTrail,
  ) {}

  /** Returns the key itself once; afterwards only its prefix is known. */
  async create(dto: CreateApiKeyDto): Promise<ApiKey & { key: string }> {
    const principal = TenantContext.current();
    const { token, secret } = newCredential('ak', principal?.tenantId ?? '');
    const created = await this.tx.run(async (manager) => {
      const key = await manager.save(
        manager.create(ApiKey, {
          name: dto.name,
          prefix: token.slice(0, 3 + 32 + 1 + 6),
          secretHash: hashSecret(secret),
          scopes: dto.scopes,
          createdBy: principal?.userId ?? null,
          expiresAt: dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * 86_400_000) : null,
        }),
      );
      await this.audit.record(manager, { resourceType: 'api_key', resourceId: key.id, before: null, after: key });
      return key;
    });
    const { secretHash: _hidden, ...visible } = created;
    return { ...(visible as ApiKey), key: token };
  }

  list(query: ApiKeyQueryDto): Promise<Page<ApiKey>> {
    return this.tx.run(async (manager) => {
      const pattern = query.q?.trim() ? containsPattern(query.q.trim()) : undefined;
      const [items, total] = await manager.findAndCount(ApiKey, {
        where: pattern ? [{ name: ILike(pattern) }, { prefix: ILike(pattern) }] : undefined,
        order: { createdAt: 'DESC', id: 'DESC' },
        skip: query.offset,
        take: query.pageSize,
      });
      return pageOf(items, total, query);
    });
  }

  /** One key, revoked ones too (the audit log names the keys that acted); never its secret. */
  get(id: string): Promise<ApiKey> {
    return this.tx.run(async (manager) => this.find(manager, id));
  }

  async revoke(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const key = await this.find(manager, id);
      if (key.revokedAt) return;
      await manager.update(ApiKey, { id }, { revokedAt: new Date() });
      await this.audit.record(manager, { resourceType: 'api_key', resourceId: id, before: key, after: await manager.findOneBy(ApiKey, { id }) });
    });
  }

  /** Another tenant's key is as unknown as a missing one (row-level security hides it). */
  private async find(manager: EntityManager, id: string): Promise<ApiKey> {
    const key = await manager.findOneBy(ApiKey, { id });
    if (!key) throw DomainError.notFound('api_key');
    return key;
  }

  /** Resolves a presented key to the tenant principal it acts as. */
  async authenticate(token: string): Promise<Principal> {
    const parsed = parseCredential('ak', token);
    if (!parsed) throw INVALID_KEY();
    const key = await this.tx.runAs(parsed.tenantId, async (manager) => {
      const found = await manager.findOneBy(ApiKey, { secretHash: hashSecret(parsed.secret), revokedAt: IsNull() });
      if (!found || (found.expiresAt && found.expiresAt.getTime() <= Date.now())) return null;
      const now = new Date();
      await manager.update(
        ApiKey,
        [{ id: found.id, lastUsedAt: IsNull() }, { id: found.id, lastUsedAt: LessThan(new Date(now.getTime() - LAST_USED_PRECISION_MS)) }],
        { lastUsedAt: now },
      );
      return found;
    });
    if (!key) throw INVALID_KEY();
    return { tenantId: parsed.tenantId, userId: null, apiKeyId: key.id, roles: key.scopes };
  }
}
