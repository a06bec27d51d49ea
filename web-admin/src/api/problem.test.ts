import { describe, expect, it } from 'vitest';
import { fieldNameOf, readProblem } from './problem';

describe('readProblem', () => {
  it('files indexed keys under their field and keeps title, status and detail', async () => {
    const response = new Response(
      JSON.stringify({
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        detail: 'Check the highlighted fields.',
        errors: {
          name: ['Name is required.'],
          'allowedOrigins[0]': ['"ftp://x" is not an http(s) origin.'],
          'allowedOrigins[2]': ['"https://a.example/path" must not have a path.'],
        },
      }),
      { status: 400 },
    );

    const problem = await readProblem(response);

    expect(problem.title).toBe('One or more validation errors occurred.');
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('Check the highlighted fields.');
    expect(problem.errors).toEqual({
      name: ['Name is required.'],
      allowedOrigins: ['"ftp://x" is not an http(s) origin.', '"https://a.example/path" must not have a path.'],
    });
  });

  it('gives a readable title when the body is empty', async () => {
    const problem = await readProblem(new Response(null, { status: 403 }));

    expect(problem).toEqual({
      type: undefined,
      title: 'You are not allowed to do that in this workspace',
      status: 403,
      detail: undefined,
      errors: {},
      errorsByPath: {},
      extensions: {},
    });
  });

  it('keeps error paths for nested and listed fields, and the extension members', async () => {
    const response = new Response(
      JSON.stringify({
        title: 'The contact is still used.',
        status: 409,
        instance: '/api/contacts/contacts/c1',
        references: [{ kind: 'trigger', id: 't1', name: 'Pricing page' }],
        errors: { 'Csv.Delimiter': ['Use , ; or a tab.'], 'adHoc[2]': ['Not an email address.'] },
      }),
      { status: 409 },
    );

    const problem = await readProblem(response);

    expect(problem.errors).toEqual({ csv: ['Use , ; or a tab.'], adHoc: ['Not an email address.'] });
    expect(problem.errorsByPath).toEqual({ 'csv.delimiter': ['Use , ; or a tab.'], 'adHoc[2]': ['Not an email address.'] });
    expect(problem.extensions).toEqual({ references: [{ kind: 'trigger', id: 't1', name: 'Pricing page' }] });
  });
});

describe('fieldNameOf', () => {
  it.each([
    ['email', 'email'],
    ['allowedOrigins[1]', 'allowedOrigins'],
    ['$.allowedOrigins[3]', 'allowedOrigins'],
    ['TimeZone', 'timeZone'],
    ['displayName.length', 'displayName'],
  ])('maps %s to %s', (key, field) => {
    expect(fieldNameOf(key)).toBe(field);
  });
});
