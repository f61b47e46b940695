// Checks a webhook's HubSpot signature against the PUBLIC URL HubSpot called (behind a proxy the
// internal URL differs), using the domain verifier; this file only assembles its inputs.
import type { FastifyRequest } from 'fastify';
import { verifyHubspotSignature, type SignatureCheck } from '../domain/intake/verify-hubspot-signature.js';
import { getRawBody } from './raw-body.js';

/** publicBaseUrl + the request's path and query, e.g. https://agent.example.com/webhooks/hubspot/forms?src=wf. */
export function getPublicUrl(publicBaseUrl: string, requestUrl: string): string {
  return publicBaseUrl.replace(/\/+$/, '') + requestUrl;
}

export function checkWebhookSignature(
  request: FastifyRequest,
  publicBaseUrl: string,
  clientSecret: string,
  nowMs: number,
): SignatureCheck {
  return verifyHubspotSignature(
    {
      method: request.method,
      url: getPublicUrl(publicBaseUrl, request.url),
      rawBody: getRawBody(request),
      headers: request.headers,
    },
    clientSecret,
    nowMs,
  );
}
