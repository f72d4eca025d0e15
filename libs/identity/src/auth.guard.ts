import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { StaffRole } from '@assay/contracts';
import { DomainError, PUBLIC_ROUTE, REQUIRED_ROLES, type AuthenticatedRequest, type Principal } from '@assay/core';
import { AccessTokenService } from './access-token.service';
import { ApiKeysService } from './api-keys.service';
import { SessionCheck } from './sessions';

interface HeaderRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Every route is closed unless marked @Public(): a bearer access token (staff) or API key
 * (`ak_...`) identifies the tenant and roles; @Roles() narrows who may call.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<HeaderRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new DomainError('unauthenticated', 'auth.missing_credentials', 'Send an access token or API key as "Authorization: Bearer <token>".');
    }
    const token = match[1];
    request.principal = token.startsWith('ak_') ? await this.apiKeys.authenticate(token) : await this.staffPrincipal(token);
    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => request.principal?.roles.includes(role))) {
      throw new DomainError('forbidden', 'auth.role_required', `This needs one of the roles: ${required.join(', ')}.`);
    }
    return true;
  }

  /** A signed access token is not enough: its session must not have ended since it was issued. */
  private async staffPrincipal(token: string): Promise<Principal> {
    const { principal, sessionVersion } = this.accessTokens.verify(token);
    await this.sessions.assertCurrent(principal.tenantId, principal.userId as string, sessionVersion);
    return principal;
  }
}
