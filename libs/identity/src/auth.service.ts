import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig, DomainError, TenantContext, TenantTransaction } from '@assay/core';
import { hashSecret, newCredential, parseCredential } from './credentials';
import type { LoginDto, SignupDto, TokenPairDto } from './dto/auth.dto';
import { RefreshToken } from './entities/refresh-token.entity';
import { Tenant } from './entities/tenant.entity';
import { User } from './entities/user.entity';
import { AccessTokenService } from './access-token.service';
import { LoginThrottle } from './login-throttle';
import { PasswordPolicy } from './password-policy';
import { currentSessionVersion, endAccessTokens } from './sessions';

interface LoginCandidate {
  tenant_id: string;
  tenant_slug: string;
  tenant_name: string;
  user_id: string;
  password_hash: string;
}

const INVALID_LOGIN = () =>
  new DomainError('unauthenticated', 'auth.invalid_credentials', 'Email or password is wrong.');
const INVALID_REFRESH = () =>
  new DomainError('unauthenticated', 'auth.invalid_refresh_token', 'The refresh token is invalid, expired or already used; log in again.');

/** argon2id with the library's defaults (RFC 9106 second recommended profile). */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

@Injectable()
export class AuthService {
  /** Verified when no account matches, so a wrong email costs as much time as a wrong password. */
  private readonly decoyHash = hashPassword(randomUUID());

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TenantTransaction,
    private readonly accessTokens: AccessTokenService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly passwords: PasswordPolicy,
  ) {}

  /** A company signs up: a new tenant with its first admin, logged in at once. */
  async signup(dto: SignupDto): Promise<TokenPairDto & { tenant: Tenant }> {
    const tenantId = randomUUID();
    await this.passwords.assertStrong(dto.password, 'password', [dto.email, dto.adminName, dto.companyName, dto.slug]);
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.tx.runAs(tenantId, async (manager) => {
        const tenant = await manager.save(
          manager.create(Tenant, { id: tenantId, slug: dto.slug, name: dto.companyName, locale: dto.locale ?? 'zh-CN' }),
        );
        const admin = await manager.save(
          manager.create(User, { email: dto.email.toLowerCase(), name: dto.adminName, passwordHash, roles: ['admin', 'recruiter', 'grader'], status: 'active' }),
        );
        const tokens = await this.issueTokens(manager, tenantId, admin, randomUUID());
        return { ...tokens, tenant };
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string; constraint?: string } }).driverError?.code === '23505') {
        throw DomainError.invalid('tenant.slug_taken', 'This company id is taken; choose another slug.', [
          { field: 'slug', reason: 'already taken' },
        ]);
      }
      throw error;
    }
  }

  /**
   * Unknown and known emails get the same answers (401, or 429 while the email is locked) after
   * the same work (one argon2 verification at least), so neither tells whether an account exists.
   */
  async login(dto: LoginDto): Promise<TokenPairDto> {
    await this.throttle.begin(dto.email);
    const candidates: LoginCandidate[] = await this.dataSource.query('SELECT * FROM auth_login_candidates($1)', [dto.email]);
    const inTenant = dto.tenant ? candidates.filter((c) => c.tenant_slug === dto.tenant) : candidates;
    if (inTenant.length === 0) {
      await argon2.verify(await this.decoyHash, dto.password);
      throw INVALID_LOGIN();
    }
    const matching: LoginCandidate[] = [];
    for (const candidate of inTenant) {
      if (await argon2.verify(candidate.password_hash, dto.password)) matching.push(candidate);
    }
    if (matching.length === 0) throw INVALID_LOGIN();
    // The password is right: the failures before it were the owner's typos.
    await this.throttle.clear(dto.email);
    if (matching.length > 1) {
      throw DomainError.invalid('auth.tenant_required', 'This email belongs to several companies; say which one.', [
        { field: 'tenant', reason: `one of: ${matching.map((m) => m.tenant_slug).join(', ')}` },
      ]);
    }
    const { tenant_id: tenantId, user_id: userId } = matching[0];
    return this.tx.runAs(tenantId, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      await manager.update(User, { id: userId }, { lastLoginAt: new Date() });
      return this.issueTokens(manager, tenantId, user, randomUUID());
    });
  }

  /** Rotates the refresh token; a reused (already rotated) token revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const parsed = parseCredential('rt', refreshToken);
    if (!parsed) throw INVALID_REFRESH();
    const outcome = await this.tx.runAs(parsed.tenantId, async (manager) => {
      // Locked: two refreshes with the same token at once must not both rotate it (each would get
      // a working pair); the second waits, then sees it revoked, i.e. a replay.
      const stored = await manager.findOne(RefreshToken, { where: { tokenHash: hashSecret(parsed.secret) }, lock: { mode: 'pessimistic_write' } });
      if (!stored) return null;
      if (stored.revokedAt) {
        await this.revokeFamily(manager, stored.familyId);
        return 'reused' as const;
      }
      if (stored.expiresAt.getTime() <= Date.now()) return null;
      const user = await manager.findOneBy(User, { id: stored.userId, status: 'active' });
      if (!user) return null;
      await manager.update(RefreshToken, { id: stored.id }, { revokedAt: new Date() });
      return this.issueTokens(manager, parsed.tenantId, user, stored.familyId);
    });
    // The family revocation above must commit, so the error is thrown after the transaction.
    if (outcome === null || outcome === 'reused') throw INVALID_REFRESH();
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    const parsed = parseCredential('rt', refreshToken);
    if (!parsed) return;
    await this.tx.runAs(parsed.tenantId, async (manager) => {
      const stored = await manager.findOneBy(RefreshToken, { tokenHash: hashSecret(parsed.secret) });
      if (stored) await this.revokeFamily(manager, stored.familyId);
    });
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const principal = TenantContext.current();
    if (!principal?.userId) throw new DomainError('forbidden', 'auth.user_required', 'Only a signed-in person can change a password.');
    const userId = principal.userId;
    const user = await this.tx.run((manager) =>
      manager.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id: userId }).getOne(),
    );
    if (!user || !(await argon2.verify(user.passwordHash, currentPassword))) {
      throw DomainError.invalid('auth.wrong_password', 'The current password is wrong.', [{ field: 'currentPassword', reason: 'does not match' }]);
    }
    const tenant = await this.tx.run((manager) => manager.findOneOrFail(Tenant, { where: {} }));
    await this.passwords.assertStrong(newPassword, 'newPassword', [user.email, user.name, tenant.name, tenant.slug]);
    const passwordHash = await hashPassword(newPassword);
    await this.tx.run(async (manager) => {
      await manager.update(User, { id: userId }, { passwordHash });
      // Every session ends, this one included: a password change is often a response to a leaked one.
      await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await endAccessTokens(manager, userId);
      await this.throttle.clear(user.email, manager);
    });
  }

  /** Ends a login: its refresh tokens, and (through the session version) the access tokens of its user. */
  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    const [member] = (await manager.query('SELECT user_id FROM refresh_tokens WHERE family_id = $1 LIMIT 1', [familyId])) as { user_id: string }[];
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (member) await endAccessTokens(manager, member.user_id);
  }

  private async issueTokens(manager: EntityManager, tenantId: string, user: User, familyId: string): Promise<TokenPairDto> {
    const { token, secret } = newCredential('rt', tenantId);
    await manager.insert(RefreshToken, {
      userId: user.id,
      tokenHash: hashSecret(secret),
      familyId,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return {
      accessToken: this.accessTokens.issue(tenantId, user.id, user.roles, await currentSessionVersion(manager, user.id)),
      refreshToken: token,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }
}
