import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../http/openapi';
import { HealthResponse } from './health.response';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /**
   * 200 `ok` when PostgreSQL and Redis answer; 503 when PostgreSQL does not (nothing works without
   * it). Redis down is 200 `degraded` with the reason under `error.redis`: the API still serves
   * candidates and staff then (queue work waits for the sweeps), so a load balancer must keep it.
   */
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Health of PostgreSQL and Redis: 200 `ok`, 200 `degraded` when only Redis is down, 503 when PostgreSQL is down (for load balancers and probes).' })
  @ApiOkResponse({ type: HealthResponse, description: 'PostgreSQL answers; `status` says whether Redis does too.' })
  @ApiProblems([503])
  async check(): Promise<Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' }> {
    const redis = await this.redis.isHealthy('redis');
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
    const details = { ...result.details, ...redis };
    if (redis.redis.status === 'up') return { ...result, info: { ...result.info, ...redis }, details };
    return { ...result, status: 'degraded', error: { ...result.error, ...redis }, details };
  }
}
