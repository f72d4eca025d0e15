import { TestApi } from './test-api';

describe('OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api.close();
  });

  it('describes the API for scripts, the plain-Fastify autosave route included', async () => {
    const doc = await api.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const path of ['/api/v1/auth/login', '/api/v1/api-keys', '/api/v1/papers/{id}/publish', '/api/v1/invitations', '/api/v1/attempts/{id}/answers/{questionId}']) {
      expect(paths).toContain(path);
    }
    expect(doc.body.paths['/api/v1/attempts/{id}/answers/{questionId}'].put.requestBody.content['application/json'].schema.required).toEqual(['answer', 'seq']);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await api.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});
