import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * What a page may load: the site's own scripts, stylesheets and images, and the map's data by
 * fetch; no inline script or style (a `<script type="application/ld+json">` is data and runs under
 * no policy), no plugins, no other site's forms, and no framing.
 */
export const PAGE_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** For an answer that is a file to look at, not a page (a listing's picture, a partner map): it may load nothing. */
export const FILE_POLICY = "default-src 'none'";

/**
 * The security headers of every answer: the page policy above, X-Frame-Options DENY, nosniff, and
 * Referrer-Policy strict-origin-when-cross-origin. A handler's own Content-Security-Policy (see
 * FILE_POLICY) is kept. Strict-Transport-Security is left to the HTTPS proxy in front, which knows
 * whether there is HTTPS; Cross-Origin-Resource-Policy is left off so that other sites may show the
 * open data's pictures and maps.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: PAGE_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: false,
    crossOriginResourcePolicy: false,
    overwrite: false,
  });
}
