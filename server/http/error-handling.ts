/**
 * Turns every failure into the ErrorResponse shape: validation problems name the fields, domain
 * errors get the status of their kind, and anything unexpected is logged and answered with a plain
 * 500 that leaks no stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, INVALID_MESSAGE, type DomainErrorKind, type FieldProblem } from '../errors.js';
import { errorBody } from './error-shape.js';

/** The HTTP status of each kind of domain error: the only place the two vocabularies meet. */
const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-many-requests': 429,
  unavailable: 503,
};

/** Fastify's own client-error codes, reworded for people. */
const fastifyClientErrors: Record<string, { code: string; message: (error: FastifyError) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: () => 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: () => 'Send the request body as JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: () => 'The request said it carried JSON but the body was empty.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: () => 'The request body is not valid JSON.' },
};

/**
 * Errors Fastify meets before any route (a malformed or over-long address) in the error shape, and
 * without the address: it may be a link someone crafted, and echoing it would put their text on our page.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send(errorBody('uri_too_long', 'The address is too long. Check the link.'));
  } else if (error.code === 'FST_ERR_BAD_URL') {
    void reply.status(400).send(errorBody('bad_url', 'The address is not valid: a "%" in it must be followed by two hexadecimal digits. Check the link.'));
  } else {
    void reply.status(400).send(errorBody('bad_request', 'The request could not be read.'));
  }
}

export function installErrorHandling(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details: FieldProblem[] = error.validation.map((problem) => ({
        path: [where, ...problem.instancePath.split('/').filter(Boolean)].join('.'),
        message: problem.message ?? 'is not valid',
      }));
      return reply.status(400).send(errorBody('validation_failed', INVALID_MESSAGE, details));
    }
    if (error instanceof DomainError) {
      return reply.status(statusOfKind[error.kind]).send(errorBody(error.code, error.message, error.problems));
    }
    const known = error.code ? fastifyClientErrors[error.code] : undefined;
    if (known) {
      const message =
        known.code === 'payload_too_large' ? `The request body is larger than the limit of ${bodyLimitBytes} bytes.` : known.message(error);
      return reply.status(error.statusCode ?? 400).send(errorBody(known.code, message));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Another plugin's client error (e.g. rate limiting): keep its status and message.
      return reply.status(error.statusCode).send(errorBody(error.code?.toLowerCase() ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody('internal_error', 'Something went wrong on our side and this request may not have been saved. Try again in a moment; work saved earlier is kept.'));
  });
}
