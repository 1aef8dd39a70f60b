// ApiError from answers that are not this server's error body (a proxy, an If-Match check elsewhere); the
// server's own answers are covered against a real server in create-client.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './api-error.js';

describe('ApiError.fromResponse', () => {
  it('keeps the server’s { code, message, details } and the request id', () => {
    const body = {
      code: 'FORBIDDEN',
      message: 'needs editor',
      details: { required: 'editor', role: 'viewer' },
    };
    const error = ApiError.fromResponse(
      new Response(null, { status: 403, headers: { 'x-request-id': 'r1' } }),
      body,
    );
    assert.deepEqual(
      [error.status, error.code, error.message, error.details, error.requestId],
      [403, 'FORBIDDEN', 'needs editor', { required: 'editor', role: 'viewer' }, 'r1'],
    );
    assert.equal(error.name, 'ApiError');
    assert.ok(error instanceof Error);
  });

  it('a 412 Precondition Failed is VERSION_CONFLICT, with or without the server’s body', () => {
    const bare = ApiError.fromResponse(new Response(null, { status: 412 }), undefined);
    assert.deepEqual([bare.status, bare.code, bare.details], [412, 'VERSION_CONFLICT', {}]);
    const coded = ApiError.fromResponse(new Response(null, { status: 412 }), {
      code: 'PRECONDITION_FAILED',
      message: 'changed since',
      details: { currentVersion: 4 },
    });
    assert.deepEqual(
      [coded.code, coded.message, coded.details],
      ['VERSION_CONFLICT', 'changed since', { currentVersion: 4 }],
    );
  });

  it('another body gets a code from the status and keeps the start of the body', () => {
    const gateway = ApiError.fromResponse(
      new Response(null, { status: 502, statusText: 'Bad Gateway' }),
      '<html>' + 'x'.repeat(1000),
    );
    assert.equal(gateway.code, 'UNAVAILABLE');
    assert.equal(gateway.message, 'the server answered 502 Bad Gateway without an error body of this API');
    assert.equal(String(gateway.details.body).length, 500);
    assert.equal(ApiError.fromResponse(new Response(null, { status: 507 }), '').code, 'INTERNAL');
    assert.equal(
      ApiError.fromResponse(new Response(null, { status: 418 }), { code: 1 }).code,
      'UNEXPECTED_RESPONSE',
    );
    assert.deepEqual(ApiError.fromResponse(new Response(null, { status: 418 }), { code: 1 }).details, {
      body: '{"code":1}',
    });
    const notIssues = ApiError.fromResponse(new Response(null, { status: 400 }), {
      code: 'VALIDATION_FAILED',
      message: 'm',
      details: { issues: 'none' },
    });
    assert.deepEqual(notIssues.issues, []);
  });
});
