import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloServer } from '@/graphql/server';
import { CLIENT_ADDRESS_HEADER } from '@/server/http/client-address';
import { createAppHttpServer, type AppHttpServer } from '@/server/http/http-server';
import { createApiKeyRow } from '../helpers/factories';

/** The HTTP front (src/server/http): bodies bounded before parsing, client faults as 4xx, the client's address its own. */
let app: AppHttpServer;
let port: number;
const seenAddresses: (string | undefined)[] = [];

beforeAll(async () => {
  const apollo = createApolloServer();
  await apollo.start();
  app = createAppHttpServer({
    apollo,
    maxBodyBytes: 64 * 1024,
    maxStaffBodyBytes: 256 * 1024,
    next: (req, res) => {
      seenAddresses.push(req.headers[CLIENT_ADDRESS_HEADER] as string | undefined);
      res.end('ok');
    },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  port = (app.server.address() as AddressInfo).port;
});
afterAll(() => app.drain(1000));

function post(
  body: string | Buffer,
  headers: Record<string, string> = {},
  chunked = false,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/api/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (chunked) {
      // Written in pieces without a Content-Length: the limit must hold while reading, not only on the header.
      for (let i = 0; i < body.length; i += 1024) req.write(body.slice(i, i + 1024));
      req.end();
    } else req.end(body);
  });
}

const code = (body: string) =>
  (JSON.parse(body) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

describe('the GraphQL endpoint over HTTP', () => {
  it('answers a well-formed query', async () => {
    const r = await post(JSON.stringify({ query: '{ __typename }' }));
    expect(r).toEqual({ status: 200, body: expect.stringContaining('"__typename":"Query"') });
  });

  it('refuses a body over the limit by its Content-Length, and while reading a chunked one', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(100_000) } });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(code(declared.body)).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await post(big, { 'transfer-encoding': 'chunked' }, true);
    expect(chunked.status).toBe(413);
  });

  it('lets staff and API clients send larger bodies (file imports), visitors not — decided before the body is read', async () => {
    const { key } = await createApiKeyRow(['customers:read']);
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(150_000) } });
    expect((await post(body)).status).toBe(413);
    expect((await post(body, { authorization: `Bearer ${key}` })).status).toBe(200);
    expect(
      (
        await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } }), {
          authorization: `Bearer ${key}`,
        })
      ).status,
    ).toBe(413);
  });

  it('answers malformed or truncated JSON with 400, not 500', async () => {
    for (const body of ['{"query":', '{not json}', '{"query": "{ __typename }"']) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(code(r.body)).toBe('BAD_REQUEST');
    }
  });

  it('answers a query syntax error with 400', async () => {
    const r = await post(JSON.stringify({ query: '{ __typename ' }));
    expect(r.status).toBe(400);
  });

  it('answers a document over the token limit with 400', async () => {
    const r = await post(JSON.stringify({ query: `{ ${'__typename '.repeat(3200)}}` }));
    expect(r.status).toBe(400);
    expect(r.body).toContain('3000 tokens');
  });
});

describe('the client address', () => {
  it('comes from the socket, never from a header the client sends', async () => {
    seenAddresses.length = 0;
    await fetch(`http://127.0.0.1:${port}/somewhere`, {
      headers: { [CLIENT_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '198.51.100.7' },
    });
    expect(seenAddresses).toEqual(['127.0.0.1']);
  });
});
