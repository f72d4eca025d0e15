import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { StaffRole } from '@assay/contracts';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from '@assay/core';

interface Access {
  public: boolean;
  roles: StaffRole[] | null;
}

/**
 * Writes who may call each operation into the OpenAPI document, from the same metadata the auth
 * guard reads (`@Public()`, `@Roles()`): `x-public`, `x-roles`, and `security: []` on public ones.
 * Clients learn what each operation needs, and the security tests derive their authorization
 * matrix from the document, so a route added later is covered without touching them.
 */
export function annotateAccess(app: INestApplication, document: OpenAPIObject): void {
  const access = controllerAccess(app);
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods) as { operationId?: string; security?: unknown[]; [extension: string]: unknown }[]) {
      // Nest names operations `<Controller>_<method>`, with `_v<version>` under URI versioning.
      const found = operation.operationId ? access.get(operation.operationId.replace(/_v\d+$/, '')) : undefined;
      if (!found) continue;
      operation['x-public'] = found.public;
      if (found.public) operation.security = [];
      if (found.roles) operation['x-roles'] = found.roles;
    }
  }
}

function controllerAccess(app: INestApplication): Map<string, Access> {
  const reflector = app.get(Reflector);
  const access = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, metatype];
        access.set(`${metatype.name}_${name}`, {
          public: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
          roles: reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets) ?? null,
        });
      }
    }
  }
  return access;
}
