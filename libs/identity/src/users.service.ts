import { Injectable } from '@nestjs/common';
import { EntityManager, ILike } from 'typeorm';
import { AuditTrail } from '@assay/audit';
import { containsPattern, DomainError, pageOf, TenantTransaction, type Page } from '@assay/core';
import { temporaryPassword } from './credentials';
import type { CreateUserDto, UpdateTenantDto, UpdateUserDto, UserQueryDto } from './dto/users.dto';
import { Tenant } from './entities/tenant.entity';
import { User } from './entities/user.entity';
import { hashPassword } from './auth.service';
import { PasswordPolicy } from './password-policy';
import { endAccessTokens } from './sessions';

/** Staff management and the tenant's own settings, always inside the caller's tenant. */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly passwords: PasswordPolicy,
    private readonly audit: AuditTrail,
  ) {}

  list(query: UserQueryDto): Promise<Page<User>> {
    return this.tx.run(async (manager) => {
      const pattern = query.q?.trim() ? containsPattern(query.q.trim()) : undefined;
      const where = pattern ? [{ name: ILike(pattern) }, { email: ILike(pattern) }] : undefined;
      const [items, total] = await manager.findAndCount(User, { where, order: { createdAt: 'ASC', id: 'ASC' }, skip: query.offset, take: query.pageSize });
      return pageOf(items, total, query);
    });
  }

  get(id: string): Promise<User> {
    return this.tx.run(async (manager) => this.find(manager, id));
  }

  /** Adds a staff member; without a password, a temporary one is generated and returned once. */
  async create(dto: CreateUserDto): Promise<User & { temporaryPassword?: string }> {
    if (dto.password !== undefined) {
      const tenant = await this.getTenant();
      await this.passwords.assertStrong(dto.password, 'password', [dto.email, dto.name, tenant.name, tenant.slug]);
    }
    const generated = dto.password ? undefined : temporaryPassword();
    const passwordHash = await hashPassword(dto.password ?? (generated as string));
    const email = dto.email.toLowerCase();
    const user = await this.tx.run(async (manager) => {
      if (await manager.exists(User, { where: { email } })) {
        throw new DomainError('conflict', 'user.email_taken', 'A staff member with this email already exists.', [
          { field: 'email', reason: 'already used in this company' },
        ]);
      }
      const created = await manager.save(manager.create(User, { email, name: dto.name, roles: dto.roles, passwordHash, status: 'active' }));
      await this.audit.record(manager, { resourceType: 'user', resourceId: created.id, before: null, after: created });
      return created;
    });
    const { passwordHash: _hidden, ...visible } = user;
    return { ...(visible as User), ...(generated ? { temporaryPassword: generated } : {}) };
  }

  update(id: string, dto: UpdateUserDto): Promise<User> {
    return this.tx.run(async (manager) => {
      // Two admins demoting each other at once must not both pass the last-admin check: the
      // active admins are locked first, so the second change waits and then sees the first.
      await manager.query(`SELECT id FROM users WHERE 'admin' = ANY(roles) AND status = 'active' ORDER BY id FOR UPDATE`);
      const user = await this.find(manager, id);
      const before = { ...user };
      Object.assign(user, dto);
      await manager.save(user);
      await this.ensureAnActiveAdmin(manager);
      await this.audit.record(manager, { resourceType: 'user', resourceId: id, before, after: user });
      // Disabled or with other roles: tokens carrying the old status and roles stop at once.
      if (dto.status !== undefined || dto.roles !== undefined) await endAccessTokens(manager, id);
      return user;
    });
  }

  getTenant(): Promise<Tenant> {
    return this.tx.run(async (manager) => {
      // Row-level security leaves exactly the caller's tenant visible.
      const tenant = await manager.findOne(Tenant, { where: {} });
      if (!tenant) throw DomainError.notFound('tenant');
      return tenant;
    });
  }

  updateTenant(dto: UpdateTenantDto): Promise<Tenant> {
    return this.tx.run(async (manager) => {
      const tenant = await manager.findOne(Tenant, { where: {} });
      if (!tenant) throw DomainError.notFound('tenant');
      const before = { ...tenant };
      Object.assign(tenant, dto);
      const saved = await manager.save(tenant);
      await this.audit.record(manager, { resourceType: 'tenant', resourceId: tenant.id, before, after: saved });
      return saved;
    });
  }

  private async find(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOneBy(User, { id });
    if (!user) throw DomainError.notFound('user');
    return user;
  }

  /** Checked inside the same transaction, so a refused change is rolled back whole. */
  private async ensureAnActiveAdmin(manager: EntityManager): Promise<void> {
    const admins = await manager
      .createQueryBuilder(User, 'u')
      .where(`'admin' = ANY(u.roles)`)
      .andWhere(`u.status = 'active'`)
      .getCount();
    if (admins === 0) {
      throw new DomainError('conflict', 'user.last_admin', 'The company must keep at least one active admin.');
    }
  }
}
