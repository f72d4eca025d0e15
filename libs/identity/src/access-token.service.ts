import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import { AppConfig, DomainError, type Principal } from '@assay/core';

interface AccessClaims {
  sub: string;
  tid: string;
  roles: StaffRole[];
  /** The user's session version when issued (sessions.ts); the guard refuses an older one. */
  sv: number;
}

export interface VerifiedAccessToken {
  principal: Principal;
  sessionVersion: number;
}

/** Short-lived signed access tokens; the signature is checked here, the session version by the guard. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  issue(tenantId: string, userId: string, roles: StaffRole[], sessionVersion: number): string {
    const claims: AccessClaims = { sub: userId, tid: tenantId, roles, sv: sessionVersion };
    return this.jwt.sign(claims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  verify(token: string): VerifiedAccessToken {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('unauthenticated', 'auth.invalid_token', 'The access token is invalid or expired; refresh it or log in again.');
    }
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r) => STAFF_ROLES.includes(r)) : [];
    // A token without a version predates session versions; it can only be refused.
    const sessionVersion = Number.isSafeInteger(claims.sv) ? claims.sv : 0;
    return { principal: { tenantId: claims.tid, userId: claims.sub, apiKeyId: null, roles }, sessionVersion };
  }
}
