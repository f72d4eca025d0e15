import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { StaffRole } from '@assay/contracts';
import type { Principal } from '../database/tenant-context';

export const PUBLIC_ROUTE = 'assay:public';
export const REQUIRED_ROLES = 'assay:roles';

/** The route needs no credentials (sign-up, login, health, candidate links). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
