import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { TenantContext } from '../database/tenant-context';
import type { AuthenticatedRequest } from './auth.decorators';

/**
 * Carries the principal that the auth guard put on the request into async context for the whole
 * handler, so TenantTransaction finds it without ids passed by hand. The subscription itself runs
 * inside the context: wrapping only `next.handle()` would lose it for the handler's promise.
 */
@Injectable()
export class TenantContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) return next.handle();
    return new Observable((subscriber) =>
      TenantContext.run(principal, () => next.handle().subscribe(subscriber)),
    );
  }
}
