import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnswersSecret, ApiNoContent, ApiPageResponse, ApiPageWithCursorResponse, ApiProblems, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { CreateWebhookDto, DeliveryQueryDto, UpdateWebhookDto, WebhookQueryDto } from './dto/webhook.dto';
import { WebhookDeliveryResponse, WebhookResponse, WebhookWithSecretResponse } from './dto/webhook.response';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @AnswersSecret()
  @ApiOperation({ summary: 'Register an endpoint for some events; the answer carries its signing secret, shown only this once.' })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  @ApiProblems([400, 413])
  create(@Body() dto: CreateWebhookDto) {
    return this.endpoints.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'Endpoints, newest first; `q` searches the URL and description.' })
  @ApiPageResponse(WebhookResponse)
  @ApiProblems([400])
  list(@Query() query: WebhookQueryDto) {
    return this.endpoints.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An endpoint (never its secret).' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.endpoints.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, description or events; `enabled: true` re-enables a disabled endpoint and sends what waits.' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems([400, 404, 413])
  update(@UuidParam() id: string, @Body() dto: UpdateWebhookDto) {
    return this.endpoints.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint with its delivery log; nothing more is sent to it.' })
  @ApiNoContent('Removed.')
  @ApiProblems([400, 404])
  async remove(@UuidParam() id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Post(':id/rotate-secret')
  @AnswersSecret()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, effective at once; shown only in this answer.' })
  @ApiOkResponse({ type: WebhookWithSecretResponse })
  @ApiProblems([400, 404])
  rotateSecret(@UuidParam() id: string) {
    return this.endpoints.rotateSecret(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The endpoint's delivery log, newest event first: status, attempts, last response code and latency, next retry." })
  @ApiPageWithCursorResponse(WebhookDeliveryResponse)
  @ApiProblems([400, 404])
  deliveries(@UuidParam() id: string, @Query() query: DeliveryQueryDto) {
    return this.endpoints.deliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed (or delivered) delivery again, before the ones waiting behind it.' })
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  @ApiProblems([400, 404, 409], { 409: '`webhook_delivery.pending`: it is still being tried.' })
  redeliver(@UuidParam() id: string, @UuidParam('deliveryId') deliveryId: string) {
    return this.endpoints.redeliver(id, deliveryId);
  }
}
