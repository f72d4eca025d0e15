import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PageOrCursorQueryDto } from './cursor';

/** What the global ValidationPipe (transform) makes of a query string. */
function parse(query: Record<string, string>): { dto: PageOrCursorQueryDto; invalid: string[] } {
  const dto = plainToInstance(PageOrCursorQueryDto, query);
  return { dto, invalid: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((error) => error.property) };
}

describe('PageOrCursorQueryDto', () => {
  it('pages by page and pageSize, with their defaults and the offset', () => {
    expect(parse({})).toMatchObject({ dto: { page: 1, pageSize: 50, offset: 0 }, invalid: [] });
    const { dto, invalid } = parse({ page: '3', pageSize: '20' });
    expect(invalid).toEqual([]);
    expect(dto).toMatchObject({ page: 3, pageSize: 20, offset: 40 });
  });

  it("takes the cursor fields with CursorQueryDto's rules", () => {
    expect(parse({ cursor: 'abc', limit: '200' })).toMatchObject({ dto: { cursor: 'abc', limit: 200 }, invalid: [] });
    expect(parse({ limit: '0' }).invalid).toEqual(['limit']);
    expect(parse({ limit: '201', page: '0' }).invalid.sort()).toEqual(['limit', 'page']);
    expect(parse({ other: 'x' }).invalid).toEqual(['other']);
  });
});
