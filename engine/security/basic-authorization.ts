/**
 * The credentials of an HTTP `Authorization: Basic <base64 of user:password>` header
 * (RFC 7617): the scheme in any case, the user up to the first ':', the password after
 * it (it may hold ':'), both UTF-8.
 */

export interface BasicCredentials {
  readonly user: string;
  readonly password: string;
}

const basicHeader = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i;

/** The user and password of `header`; undefined when it is not a well-formed Basic header. */
export function parseBasicAuthorization(header: string): BasicCredentials | undefined {
  const encoded = basicHeader.exec(header)?.[1];
  if (encoded === undefined || encoded.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
